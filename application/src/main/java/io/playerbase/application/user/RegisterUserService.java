package io.playerbase.application.user;

import io.playerbase.application.referral.ReferralCodeAssignment;
import io.playerbase.application.referral.ReferralRedemption;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Singleton
final class RegisterUserService implements RegisterUserUseCase {

    private static final System.Logger LOG = System.getLogger(RegisterUserService.class.getName());

    private final UserRepository users;
    private final ModuleRegistry modules;
    private final PasswordHasher hasher;
    private final ReferralCodeAssignment referralCodes;
    private final ReferralRedemption redemption;
    private final Clock clock;

    RegisterUserService(UserRepository users, ModuleRegistry modules, PasswordHasher hasher,
                        ReferralCodeAssignment referralCodes, ReferralRedemption redemption, Clock clock) {
        this.users = users;
        this.modules = modules;
        this.hasher = hasher;
        this.referralCodes = referralCodes;
        this.redemption = redemption;
        this.clock = clock;
    }

    @Override
    public UserView register(Command command) {
        if (command.referralCode() != null) {
            // A code that cannot be redeemed refuses the registration before anything is written.
            redemption.checkCode(command.referralCode());
        }
        Instant now = clock.instant();
        // Hash before touching the database: a taken name is detected by the unique index on insert,
        // which is the only check that holds under concurrent registrations.
        String hash = hasher.hash(command.password().value());
        User user = User.register(UserId.newId(now), command.email(), command.username(), hash, false,
                modules.activeModules(), now);
        Actor actor = Actor.player(user.id(), command.requestId());
        users.insert(user, AuditEntry.of(user.id(), actor, "user.registered", "user",
                List.of("email", "username", "password_hash", "status", "modules"), now));
        // The account exists from here on and the registration succeeds: a code not assigned now is assigned
        // by the referral recovery pass; a redemption refused now (say the referrer was suspended a moment
        // ago) leaves the account unreferred, free to redeem a code within the window.
        referralCodes.assignNewAccount(user.id(), actor);
        if (command.referralCode() != null) {
            try {
                redemption.redeem(user.id(), command.referralCode(), actor);
            } catch (DomainException e) {
                LOG.log(System.Logger.Level.WARNING, "Registration of " + user.id() + ": the referral code was not redeemed: "
                        + e.getMessage());
            }
        }
        return UserView.of(users.findById(user.id()).orElse(user));
    }
}

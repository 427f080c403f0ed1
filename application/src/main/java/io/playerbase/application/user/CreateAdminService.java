package io.playerbase.application.user;

import io.playerbase.application.referral.ReferralCodeAssignment;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

@Singleton
final class CreateAdminService implements CreateAdminUseCase {

    private final UserRepository users;
    private final ModuleRegistry modules;
    private final PasswordHasher hasher;
    private final ReferralCodeAssignment referralCodes;
    private final Clock clock;

    CreateAdminService(UserRepository users, ModuleRegistry modules, PasswordHasher hasher,
                       ReferralCodeAssignment referralCodes, Clock clock) {
        this.users = users;
        this.modules = modules;
        this.hasher = hasher;
        this.referralCodes = referralCodes;
        this.clock = clock;
    }

    @Override
    public UserView create(Command command) {
        // The same rules for email, username and password as a player's registration.
        RegisterUserUseCase.Command valid = RegisterUserUseCase.Command.of(command.email(), command.username(),
                command.password(), command.requestId());
        Instant now = clock.instant();
        User user = User.register(UserId.newId(now), valid.email(), valid.username(), hasher.hash(valid.password().value()),
                false, modules.activeModules(), now);
        user.changeStaffRoles(Set.of(Role.ADMIN), now);
        users.insert(user, AuditEntry.of(user.id(), Actor.system(command.requestId()), "user.admin_created", "user",
                List.of("email", "username", "password_hash", "status", "roles", "modules"), now));
        referralCodes.assignNewAccount(user.id(), Actor.system(command.requestId()));
        return UserView.of(user);
    }
}

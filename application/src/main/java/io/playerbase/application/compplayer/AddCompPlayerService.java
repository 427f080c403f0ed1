package io.playerbase.application.compplayer;

import io.playerbase.application.compplayer.port.in.AddCompPlayerUseCase;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.referral.ReferralCodeAssignment;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Singleton
final class AddCompPlayerService implements AddCompPlayerUseCase {

    /** Computer players start richer than humans (100) so they can sit at any table. */
    static final int COMP_PLAYER_COINS = 1000;

    private final UserRepository users;
    private final ModuleRegistry registry;
    private final ReferralCodeAssignment referralCodes;
    private final Clock clock;

    AddCompPlayerService(UserRepository users, ModuleRegistry registry, ReferralCodeAssignment referralCodes, Clock clock) {
        this.users = users;
        this.registry = registry;
        this.referralCodes = referralCodes;
        this.clock = clock;
    }

    @Override
    public CompPlayerView add(Command command) {
        Username username = new Username(command.username());
        Email email = new Email(username.value() + "@cp.com");
        Instant now = clock.instant();
        List<ModuleDefinition> modules = registry.activeModules().stream().map(AddCompPlayerService::withCompCoins).toList();
        // Computer players never log in: no password, rather than the hash of a secret nobody knows.
        User user = User.register(UserId.newId(now), email, username, PasswordHasher.NO_PASSWORD, true, modules, now);
        try {
            users.insert(user, AuditEntry.of(user.id(), command.admin(), "user.comp_player_added", "user",
                    List.of("email", "username", "password_hash", "status", "is_comp_player", "modules"), now));
        } catch (Conflict e) {
            // The email is made from the username: the admin can only change the username.
            throw "email-taken".equals(e.code()) ? new Conflict("username-taken", "This username is taken") : e;
        }
        // Every account has a code; a computer player's cannot be redeemed (docs/referrals.md).
        referralCodes.assignNewAccount(user.id(), command.admin());
        return CompPlayerViews.of(user);
    }

    private static ModuleDefinition withCompCoins(ModuleDefinition module) {
        if (!module.name().equals("dutch_game")) {
            return module;
        }
        Map<String, Object> defaults = new LinkedHashMap<>(module.defaults());
        defaults.put("coins", COMP_PLAYER_COINS);
        return new ModuleDefinition(module.name(), module.status(), module.version(), defaults, module.description());
    }
}

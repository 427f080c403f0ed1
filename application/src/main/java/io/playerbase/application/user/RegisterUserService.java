package io.playerbase.application.user;

import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
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

    private final UserRepository users;
    private final ModuleRegistry modules;
    private final PasswordHasher hasher;
    private final Clock clock;

    RegisterUserService(UserRepository users, ModuleRegistry modules, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.modules = modules;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public UserView register(Command command) {
        Instant now = clock.instant();
        // Hash before touching the database: a taken name is detected by the unique index on insert,
        // which is the only check that holds under concurrent registrations.
        String hash = hasher.hash(command.password().value());
        User user = User.register(UserId.newId(now), command.email(), command.username(), hash, false,
                modules.activeModules(), now);
        Actor actor = Actor.player(user.id(), command.requestId());
        users.insert(user, AuditEntry.of(user.id(), actor, "user.registered", "user",
                List.of("email", "username", "password_hash", "status", "modules"), now));
        return UserView.of(user);
    }
}

package io.playerbase.application.user;

import io.playerbase.application.user.port.in.DeleteAccountUseCase;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Singleton
final class DeleteAccountService implements DeleteAccountUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    DeleteAccountService(UserRepository users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public void delete(Command command) {
        User user = users.findById(command.userId())
                .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        if (command.password() == null || !hasher.verify(command.password(), user.passwordHash())) {
            throw new RuleViolation("wrong-password", "The password is not correct",
                    List.of(new FieldError("password", "is not correct")));
        }
        Instant now = clock.instant();
        List<String> changed = user.erase(now);
        users.erase(user, AuditEntry.of(user.id(), command.actor(), "user.erased", "user", changed, now));
    }
}

package io.playerbase.application.user;

import io.playerbase.application.user.port.in.ChangePasswordUseCase;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.user.NewPassword;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Singleton
final class ChangePasswordService implements ChangePasswordUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    ChangePasswordService(UserRepository users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public void change(Command command) {
        NewPassword newPassword = new NewPassword(command.newPassword());
        User user = users.findById(command.userId())
                .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        if (command.currentPassword() == null || !hasher.verify(command.currentPassword(), user.passwordHash())) {
            throw new RuleViolation("wrong-current-password", "The current password is not correct",
                    List.of(new FieldError("current_password", "is not correct")));
        }
        Instant now = clock.instant();
        List<String> changed = user.changePasswordHash(hasher.hash(newPassword.value()), now);
        users.update(user, AuditEntry.of(user.id(), command.actor(), "user.password_changed", "user", changed, now));
    }
}

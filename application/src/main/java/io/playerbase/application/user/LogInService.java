package io.playerbase.application.user;

import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

@Singleton
final class LogInService implements LogInUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Verified against when the account does not exist, so both failures cost the same time. */
    private volatile String decoyHash;

    LogInService(UserRepository users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public Authenticated logIn(Command command) {
        if (command.login() == null || command.password() == null) {
            throw new AuthenticationFailed();
        }
        Optional<User> found = find(command.login());
        if (found.isEmpty()) {
            hasher.verify(command.password(), decoyHash());
            throw new AuthenticationFailed();
        }
        User user = found.get();
        if (!hasher.verify(command.password(), user.passwordHash()) || !user.canAuthenticate()) {
            throw new AuthenticationFailed(user.id());
        }
        if (hasher.needsRehash(user.passwordHash())) {
            upgradeHash(user, command);
        }
        return UserAuthentication.of(user);
    }

    private Optional<User> find(String login) {
        try {
            return login.contains("@")
                    ? users.findByEmail(new Email(login))
                    : users.findByUsername(new Username(login));
        } catch (InvalidValue e) {
            return Optional.empty();
        }
    }

    /** Replaces a legacy or weaker hash while the plaintext is at hand; losing that race is harmless. */
    private void upgradeHash(User user, Command command) {
        try {
            var now = clock.instant();
            var changed = user.changePasswordHash(hasher.hash(command.password()), now);
            users.update(user, AuditEntry.of(user.id(), Actor.system(command.requestId()),
                    "user.password_rehashed", "user", changed, now));
        } catch (Conflict concurrentChange) {
            // Another request changed the account meanwhile; the next login upgrades the hash.
        }
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            hash = hasher.hash("decoy-password-for-timing");
            decoyHash = hash;
        }
        return hash;
    }
}

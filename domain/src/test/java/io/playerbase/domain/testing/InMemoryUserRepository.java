package io.playerbase.domain.testing;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link UserRepository} with the same observable rules as the Mongo adapter: unique
 * normalized email and username, optimistic versions, one audit entry per write.
 */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<UserId, Stored> users = new ConcurrentHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    private record Stored(User snapshot, long version) {
    }

    @Override
    public synchronized void insert(User user, AuditEntry entry) {
        for (Stored stored : users.values()) {
            User other = stored.snapshot();
            if (other.status() == UserStatus.DELETED) {
                continue; // an erased account releases its email and username
            }
            if (normalize(other.email().value()).equals(normalize(user.email().value()))) {
                throw new Conflict("email-taken", "This email is already registered");
            }
            if (normalize(other.username().value()).equals(normalize(user.username().value()))) {
                throw new Conflict("username-taken", "This username is taken");
            }
        }
        user.markStored(1);
        users.put(user.id(), new Stored(copy(user), 1));
        audit.add(entry);
    }

    @Override
    public synchronized void update(User user, AuditEntry entry) {
        Stored current = users.get(user.id());
        if (current == null || current.version() != user.version()) {
            throw Conflict.stale("User");
        }
        for (Stored stored : users.values()) {
            User other = stored.snapshot();
            if (!other.id().equals(user.id())
                    && normalize(other.username().value()).equals(normalize(user.username().value()))) {
                throw new Conflict("username-taken", "This username is taken");
            }
        }
        long next = current.version() + 1;
        user.markStored(next);
        users.put(user.id(), new Stored(copy(user), next));
        audit.add(entry);
    }

    @Override
    public synchronized void erase(User user, AuditEntry entry) {
        update(user, entry);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id)).map(stored -> copy(stored.snapshot()));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return users.values().stream().map(Stored::snapshot)
                .filter(user -> user.status() != UserStatus.DELETED)
                .filter(user -> normalize(user.email().value()).equals(normalize(email.value())))
                .findFirst().map(InMemoryUserRepository::copy);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return users.values().stream().map(Stored::snapshot)
                .filter(user -> user.status() != UserStatus.DELETED)
                .filter(user -> normalize(user.username().value()).equals(normalize(username.value())))
                .findFirst().map(InMemoryUserRepository::copy);
    }

    /** Every stored user (copies), for the staff reads' fake. */
    public List<User> all() {
        return users.values().stream().map(stored -> copy(stored.snapshot())).toList();
    }

    public synchronized List<AuditEntry> auditEntries() {
        return List.copyOf(audit);
    }

    public int size() {
        return users.size();
    }

    private static String normalize(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static User copy(User user) {
        return User.restore(user.id(), user.email(), user.username(), user.passwordHash(), user.status(),
                user.compPlayer(), user.roles(), user.phone(), user.address(), user.modules(), user.createdAt(),
                user.updatedAt(), user.version(), user.credentialsVersion());
    }
}

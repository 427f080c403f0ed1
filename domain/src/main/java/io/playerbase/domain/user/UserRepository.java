package io.playerbase.domain.user;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.util.Optional;

/**
 * Outgoing port for the account part of a user (the top-level fields). Module data under
 * {@code modules.<name>} is written at creation and afterwards only by each module's own port, so a
 * profile update never overwrites a concurrent wallet or stats change.
 *
 * <p>Every write carries its audit entry; the adapter makes the change and its audit entry durable
 * together (the entry is part of the same single-document write) so neither is lost on a crash.
 */
public interface UserRepository {

    /**
     * Stores a new user. Throws {@link io.playerbase.domain.shared.Conflict} with code
     * {@code email-taken} or {@code username-taken} when another user holds the same normalized value.
     */
    void insert(User user, AuditEntry audit);

    /**
     * Stores the account fields of a changed user if nobody changed it since it was read
     * ({@link User#version()}); otherwise throws {@link io.playerbase.domain.shared.Conflict#stale}.
     * Afterwards the user carries the new version.
     */
    void update(User user, AuditEntry audit);

    /**
     * Stores an {@link User#erase erased} user (same version rule as {@link #update}): the email and
     * username indexes are released so both can be registered again, and the user's data key is
     * destroyed, so their personal data cannot be decrypted anywhere it was copied.
     */
    void erase(User user, AuditEntry audit);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(Email email);

    Optional<User> findByUsername(Username username);
}

package io.playerbase.domain.shared;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change to one user. Holds the names of the changed fields, never their values, so the audit
 * log stays free of personal and financial data.
 *
 * @param id       unique id of the entry (makes writing it idempotent)
 * @param action   what happened, e.g. {@code user.registered}, {@code user.profile_updated}
 * @param module   the module whose data changed ({@code user} for the account itself)
 */
public record AuditEntry(String id, UserId userId, Actor actor, String action, String module,
                         List<String> changedFields, Instant timestamp) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(timestamp, "timestamp");
        changedFields = List.copyOf(changedFields);
    }

    public static AuditEntry of(UserId userId, Actor actor, String action, String module,
                                List<String> changedFields, Instant timestamp) {
        return new AuditEntry(UserId.newId(timestamp).value(), userId, actor, action, module, changedFields, timestamp);
    }
}

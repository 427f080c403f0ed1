package io.playerbase.domain.shared;

/**
 * Outgoing port: reading a user's audit history ({@code user_audit_logs}), newest first. Writing
 * happens with each change, through the repository that makes the change.
 */
public interface AuditTrail extends ReadOnlyPort {

    Page<AuditEntry> forUser(UserId userId, PageRequest page);
}

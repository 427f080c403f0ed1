package io.playerbase.domain.shared;

/**
 * Outgoing port: records an audit entry about a user that no change carries: a disclosure, such as a
 * personal-data export. Durable before it returns (the user's outbox, then the log), like the entries
 * that travel with changes.
 */
public interface AuditRecorder {

    void record(AuditEntry entry);
}

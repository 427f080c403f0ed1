package io.playerbase.adapters.mongo.audit;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code playerbase.audit.*} settings (defaults in {@code application.yml}).
 *
 * @param retentionDays    how long {@code user_audit_logs} keeps an entry (its TTL index, set by the migrations)
 * @param recoveryInterval how often entries left in the users' outbox by a crash are delivered
 */
@ConfigurationProperties("playerbase.audit")
public record AuditSettings(int retentionDays, Duration recoveryInterval) {

    public AuditSettings {
        Objects.requireNonNull(recoveryInterval, "playerbase.audit.recovery-interval is not set (application.yml holds the defaults)");
    }
}

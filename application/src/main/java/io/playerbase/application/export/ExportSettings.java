package io.playerbase.application.export;

import java.time.Duration;
import java.util.Objects;

/**
 * The configured retention periods the export states in its Art. 15 information (provided by the
 * bootstrap from {@code playerbase.audit.retention-days} and {@code playerbase.idempotency.retention}).
 */
public record ExportSettings(int auditRetentionDays, Duration idempotencyRetention) {

    public ExportSettings {
        Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
    }
}

package io.playerbase.bootstrap.export;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.playerbase.application.export.ExportSettings;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The retention periods a personal-data export states, from the settings that enforce them. */
@Factory
final class ExportWiring {

    @Singleton
    ExportSettings exportSettings(@Value("${playerbase.audit.retention-days:730}") int auditRetentionDays,
                                  @Value("${playerbase.idempotency.retention:24h}") Duration idempotencyRetention) {
        return new ExportSettings(auditRetentionDays, idempotencyRetention);
    }
}

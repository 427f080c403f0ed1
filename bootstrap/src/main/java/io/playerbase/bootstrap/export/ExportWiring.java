package io.playerbase.bootstrap.export;

import io.micronaut.context.annotation.Factory;
import io.playerbase.adapters.mongo.audit.AuditSettings;
import io.playerbase.application.export.ExportSettings;
import io.playerbase.bootstrap.wallet.IdempotencyProperties;
import jakarta.inject.Singleton;

/** The retention periods a personal-data export states, from the settings that enforce them. */
@Factory
final class ExportWiring {

    @Singleton
    ExportSettings exportSettings(AuditSettings audit, IdempotencyProperties idempotency) {
        return new ExportSettings(audit.retentionDays(), idempotency.retention());
    }
}

package io.playerbase.adapters.mongo.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.playerbase.adapters.mongo.maintenance.EncryptionMaintenance;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code encryption}: the state of the re-encryption pass (key rotation, legacy values) — never run,
 * running, finished or incomplete, whether another is due, and what the last pass did. A pass in
 * progress is normal operation, so this is informational: UP unless the state cannot be read.
 */
@Singleton
final class EncryptionHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final String NAME = "encryption";

    private final EncryptionMaintenance maintenance;

    EncryptionHealthIndicator(EncryptionMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    protected String getName() {
        return NAME;
    }

    /** Runs on the blocking executor the base class is given. */
    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            EncryptionMaintenance.Progress progress = maintenance.progress();
            details.put("primaryKeyId", progress.primaryKeyId());
            details.put("pass", progress.status());
            if (progress.phase() != null) {
                details.put("phase", progress.phase());
            }
            details.put("due", maintenance.due());
            // What the last (or running) pass did, with its times: numbers alone read like totals.
            Map<String, Object> pass = new LinkedHashMap<>();
            pass.put("startedAt", progress.startedAt() == null ? null : progress.startedAt().toString());
            pass.put("finishedAt", progress.finishedAt() == null ? null : progress.finishedAt().toString());
            pass.put("keysRewrapped", progress.keysRewrapped());
            pass.put("valuesReencrypted", progress.valuesReencrypted());
            pass.put("legacyValuesEncrypted", progress.legacyValuesEncrypted());
            pass.put("legacyValuesRemaining", progress.legacyValuesRemaining());
            pass.put("deferredByConcurrentChanges", progress.conflictsDeferred());
            details.put("lastPass", pass);
            healthStatus = HealthStatus.UP;
        } catch (RuntimeException e) {
            details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            healthStatus = HealthStatus.UNKNOWN;
        }
        return details;
    }
}

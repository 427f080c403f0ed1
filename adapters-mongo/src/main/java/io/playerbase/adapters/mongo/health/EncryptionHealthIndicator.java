package io.playerbase.adapters.mongo.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.playerbase.adapters.mongo.user.EncryptionMaintenance;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code encryption}: progress of the re-encryption pass (key rotation, legacy values). A pass in
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
            details.put("keysRewrapped", progress.keysRewrapped());
            details.put("valuesReencrypted", progress.valuesReencrypted());
            details.put("legacyValuesEncrypted", progress.legacyValuesEncrypted());
            details.put("legacyValuesRemaining", progress.legacyValuesRemaining());
            details.put("deferredByConcurrentChanges", progress.conflictsDeferred());
            details.put("due", maintenance.due());
            healthStatus = HealthStatus.UP;
        } catch (RuntimeException e) {
            details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            healthStatus = HealthStatus.UNKNOWN;
        }
        return details;
    }
}

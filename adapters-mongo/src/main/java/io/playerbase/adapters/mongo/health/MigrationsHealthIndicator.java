package io.playerbase.adapters.mongo.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code migrations}: UP when no change unit is pending and the last run in this process (if any)
 * succeeded. A service whose database is behind its code is not ready for traffic.
 */
@Singleton
@Readiness
final class MigrationsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final String NAME = "migrations";

    private final MigrationRunner runner;

    MigrationsHealthIndicator(MigrationRunner runner) {
        this.runner = runner;
    }

    @Override
    protected String getName() {
        return NAME;
    }

    /** Runs on the blocking executor the base class is given. */
    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        MigrationStatus status;
        try {
            status = runner.status();
        } catch (RuntimeException e) {
            details.put("error", "cannot read the change log: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            healthStatus = HealthStatus.DOWN;
            return details;
        }
        details.put("applied", status.applied().size());
        details.put("pending", status.pending());
        details.put("lastRun", status.lastRun().name());
        if (status.lastRunAt() != null) {
            details.put("lastRunAt", status.lastRunAt().toString());
        }
        if (status.lastError() != null) {
            details.put("lastError", status.lastError());
        }
        healthStatus = status.upToDate() ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }
}

package io.playerbase.adapters.mongo.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code migrations}: UP when no change unit is pending and the last run in this process (if any)
 * succeeded. A service whose database is behind its code is not ready for traffic; {@code reason} says
 * why (a database without migration history is empty or was replaced). The change log is read within
 * {@code playerbase.mongo.health-timeout}, so a hung database gives DOWN, not a hung probe.
 */
@Singleton
@Readiness
final class MigrationsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final String NAME = "migrations";

    private final MigrationRunner runner;
    private final Duration timeout;

    MigrationsHealthIndicator(MigrationRunner runner, @Value("${playerbase.mongo.health-timeout}") Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    @Override
    protected String getName() {
        return NAME;
    }

    /** Runs on the blocking executor the base class is given; the change log is read on it too, under the timeout ({@link BoundedRead}). */
    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        BoundedRead<MigrationStatus> read = BoundedRead.run(executorService, timeout, runner::status);
        if (!read.answered()) {
            return down(details, "cannot read the change log: " + read.error());
        }
        MigrationStatus status = read.value();
        details.put("applied", status.applied().size());
        details.put("pending", status.pending());
        details.put("lastRun", status.lastRun().name());
        if (status.lastRunAt() != null) {
            details.put("lastRunAt", status.lastRunAt().toString());
        }
        if (status.lastError() != null) {
            details.put("lastError", status.lastError());
        }
        if (!status.pending().isEmpty()) {
            details.put("reason", status.applied().isEmpty()
                    ? "the database has no migration history (empty or replaced)"
                    : status.pending().size() + " change units pending");
        }
        healthStatus = status.upToDate() ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    private Map<String, Object> down(Map<String, Object> details, String error) {
        details.put("error", error);
        healthStatus = HealthStatus.DOWN;
        return details;
    }
}

package io.playerbase.adapters.mongo.health;

import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code migrations}: UP when no change unit is pending and the last run in this process (if any)
 * succeeded. A service whose database is behind its code is not ready for traffic.
 */
@Singleton
@Readiness
final class MigrationsHealthIndicator implements HealthIndicator {

    static final String NAME = "migrations";

    private final MigrationRunner runner;
    private final ExecutorService executor;

    MigrationsHealthIndicator(MigrationRunner runner, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.runner = runner;
        this.executor = executor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return new AsyncSingleResultPublisher<>(executor, this::check);
    }

    HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        MigrationStatus status;
        try {
            status = runner.status();
        } catch (RuntimeException e) {
            details.put("error", "cannot read the change log: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return HealthResult.builder(NAME, HealthStatus.DOWN).details(details).build();
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
        return HealthResult.builder(NAME, status.upToDate() ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }
}

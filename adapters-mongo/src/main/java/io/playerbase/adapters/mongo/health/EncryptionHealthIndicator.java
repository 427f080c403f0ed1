package io.playerbase.adapters.mongo.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.playerbase.adapters.mongo.maintenance.EncryptionMaintenance;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code encryption}: the state of the re-encryption pass (key rotation, legacy values) — never run,
 * running, finished or incomplete, whether another is due, and what the last pass did. A pass in
 * progress is normal operation, so this is informational: UP unless the state cannot be read. Micronaut
 * counts every indicator not marked liveness in readiness, so the state is read within
 * {@code playerbase.mongo.health-timeout} like the other indicators: a hung database must not hold the
 * readiness probe for the driver's own timeouts (it did: 2-3 s instead of 1).
 */
@Singleton
final class EncryptionHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final String NAME = "encryption";

    private final EncryptionMaintenance maintenance;
    private final Duration timeout;

    EncryptionHealthIndicator(EncryptionMaintenance maintenance,
                              @Value("${playerbase.mongo.health-timeout}") Duration timeout) {
        this.maintenance = maintenance;
        this.timeout = timeout;
    }

    private record State(EncryptionMaintenance.Progress progress, boolean due) {
    }

    @Override
    protected String getName() {
        return NAME;
    }

    /** Runs on the blocking executor the base class is given; the state is read on it too, under the timeout. */
    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        State state;
        try {
            state = CompletableFuture.supplyAsync(() -> new State(maintenance.progress(), maintenance.due()), executorService)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return unknown(details, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return unknown(details, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(details, "interrupted");
        }
        EncryptionMaintenance.Progress progress = state.progress();
        details.put("primaryKeyId", progress.primaryKeyId());
        details.put("pass", progress.status());
        if (progress.phase() != null) {
            details.put("phase", progress.phase());
        }
        details.put("due", state.due());
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
        return details;
    }

    private Map<String, Object> unknown(Map<String, Object> details, String error) {
        details.put("error", error);
        healthStatus = HealthStatus.UNKNOWN;
        return details;
    }
}

package io.playerbase.adapters.mongo.health;

import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.playerbase.adapters.mongo.user.EncryptionMaintenance;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code encryption}: progress of the re-encryption pass (key rotation, legacy values). A pass in
 * progress is normal operation, so this is informational: UP unless the state cannot be read.
 */
@Singleton
final class EncryptionHealthIndicator implements HealthIndicator {

    static final String NAME = "encryption";

    private final EncryptionMaintenance maintenance;
    private final ExecutorService executor;

    EncryptionHealthIndicator(EncryptionMaintenance maintenance, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.maintenance = maintenance;
        this.executor = executor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return new AsyncSingleResultPublisher<>(executor, this::check);
    }

    HealthResult check() {
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
            return HealthResult.builder(NAME, HealthStatus.UP).details(details).build();
        } catch (RuntimeException e) {
            details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            return HealthResult.builder(NAME, HealthStatus.UNKNOWN).details(details).build();
        }
    }
}

package io.playerbase.adapters.mongo.health;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code mongodb}: pings the database within {@code playerbase.mongo.health-timeout}, so
 * a hanging database makes the service not ready instead of hanging the health endpoint. The driver
 * has no built-in indicator for the sync client.
 */
@Singleton
@Readiness
final class MongoHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final String NAME = "mongodb";

    private final MongoDatabase database;
    private final MongoStoreInfo store;
    private final Duration timeout;

    MongoHealthIndicator(MongoDatabase database, MongoStoreInfo store,
                         @Value("${playerbase.mongo.health-timeout}") Duration timeout) {
        this.database = database;
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    protected String getName() {
        return NAME;
    }

    /** Runs on the blocking executor the base class is given; the ping runs on it too, under the timeout ({@link BoundedRead}). */
    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", store.kind());
        details.put("database", store.database());
        details.put("description", store.description());
        long start = System.nanoTime();
        BoundedRead<Document> ping = BoundedRead.run(executorService, timeout, () -> database.runCommand(new Document("ping", 1)));
        if (ping.answered()) {
            details.put("pingMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            healthStatus = HealthStatus.UP;
            return details;
        }
        details.put("error", ping.timedOut() ? "no answer to ping within " + timeout.toMillis() + " ms" : ping.error());
        healthStatus = HealthStatus.DOWN;
        return details;
    }
}

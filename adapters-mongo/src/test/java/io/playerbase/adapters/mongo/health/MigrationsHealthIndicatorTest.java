package io.playerbase.adapters.mongo.health;

import com.mongodb.client.MongoDatabase;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsHealthIndicatorTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final MongoDatabase database = EmbeddedMongo.freshDatabase();
    private final MigrationRunner runner = TestMigrations.runner(EmbeddedMongo.client(), database.getName(), true);
    private final MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(runner, Duration.ofSeconds(2));

    @BeforeEach
    void giveTheIndicatorAnExecutor() {
        indicator.setExecutorService(executor);
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void downWhileChangeUnitsArePending() {
        HealthResult result = HealthResults.resultOf(indicator);

        assertEquals(HealthStatus.DOWN, result.getStatus());
        Map<?, ?> details = (Map<?, ?>) result.getDetails();
        assertEquals(0, details.get("applied"));
        List<String> pending = runner.status().pending();
        assertEquals(pending, details.get("pending"));
        assertEquals("V0001_CreateCollections", pending.get(0));
        assertEquals("the database has no migration history (empty or replaced)", details.get("reason"));
    }

    @Test
    void upOnceEverythingIsApplied() {
        runner.migrate();

        HealthResult result = HealthResults.resultOf(indicator);

        assertEquals(HealthStatus.UP, result.getStatus());
        Map<?, ?> details = (Map<?, ?>) result.getDetails();
        assertEquals(runner.status().applied().size(), details.get("applied"));
        assertTrue(runner.status().applied().size() >= 3);
        assertEquals(List.of(), details.get("pending"));
        assertEquals("SUCCEEDED", details.get("lastRun"));
    }

    @Test
    void downWithTheErrorAfterAFailedRun() {
        database.getCollection("users").insertMany(List.of(
                new Document("_id", 1).append("username_bidx", "same"),
                new Document("_id", 2).append("username_bidx", "same")));
        assertThrows(IllegalStateException.class, runner::migrate);

        HealthResult result = HealthResults.resultOf(indicator);

        assertEquals(HealthStatus.DOWN, result.getStatus());
        Map<?, ?> details = (Map<?, ?>) result.getDetails();
        assertEquals("FAILED", details.get("lastRun"));
        assertTrue(String.valueOf(details.get("lastError")).contains("V0001_CreateCollections"), String.valueOf(details.get("lastError")));
    }

    @Test
    void downWithTheNumberPendingWhenAReplacedDatabaseLacksSomeUnits() {
        runner.migrate();
        List<String> applied = runner.status().applied();
        String last = applied.get(applied.size() - 1);
        database.getCollection("mongockChangeLog").deleteMany(new Document("changeId", last));

        HealthResult result = HealthResults.resultOf(indicator);

        assertEquals(HealthStatus.DOWN, result.getStatus());
        Map<?, ?> details = (Map<?, ?>) result.getDetails();
        assertEquals(List.of(last), details.get("pending"));
        assertEquals("1 change units pending", details.get("reason"));
    }
}

package io.playerbase.adapters.mongo.health;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoHealthIndicatorTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void upWithStoreDatabaseAndPingTime() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0);
             MongoClient client = client(server.connectionString(), 2000)) {
            MongoHealthIndicator indicator = indicator(client, server.description(), Duration.ofSeconds(2));

            HealthResult result = HealthResults.resultOf(indicator);

            assertEquals(HealthStatus.UP, result.getStatus());
            Map<?, ?> details = (Map<?, ?>) result.getDetails();
            assertEquals("embedded", details.get("store"));
            assertEquals("playerbase", details.get("database"));
            assertTrue(details.get("pingMs") instanceof Long);
        }
    }

    @Test
    void downWithAnErrorWhenTheDatabaseIsGone() {
        EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0);
        try (MongoClient client = client(server.connectionString(), 300)) {
            server.close();
            MongoHealthIndicator indicator = indicator(client, server.description(), Duration.ofSeconds(5));

            HealthResult result = HealthResults.resultOf(indicator);

            assertEquals(HealthStatus.DOWN, result.getStatus());
            String error = String.valueOf(((Map<?, ?>) result.getDetails()).get("error"));
            assertTrue(error.startsWith("Mongo") && error.contains("Exception"), error);
        }
    }

    @Test
    void downWhenThePingDoesNotAnswerInTime() throws IOException {
        // Accepts connections (the OS does, into the backlog) and never answers: a hanging database.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             MongoClient client = client("mongodb://127.0.0.1:" + silent.getLocalPort(), 10_000)) {
            MongoHealthIndicator indicator = indicator(client, "silent server", Duration.ofMillis(200));

            long start = System.nanoTime();
            HealthResult result = HealthResults.resultOf(indicator);

            assertEquals(HealthStatus.DOWN, result.getStatus());
            assertEquals("no answer to ping within 200 ms", ((Map<?, ?>) result.getDetails()).get("error"));
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "the check must not wait for the driver");
        }
    }

    @Test
    void bothIndicatorsAreReadinessBeans() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0,
                        "playerbase.migrations.run-at-start", false))
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys())
                .start()) {
            Set<Class<?>> readiness = context.getBeansOfType(HealthIndicator.class, Qualifiers.byStereotype(Readiness.class))
                    .stream().map(Object::getClass).collect(Collectors.toSet());

            assertTrue(readiness.contains(MongoHealthIndicator.class), readiness.toString());
            assertTrue(readiness.contains(MigrationsHealthIndicator.class), readiness.toString());
        }
    }

    private MongoHealthIndicator indicator(MongoClient client, String description, Duration timeout) {
        MongoStoreInfo store = new MongoStoreInfo(true, "playerbase", description);
        MongoHealthIndicator indicator = new MongoHealthIndicator(client.getDatabase("playerbase"), store, timeout);
        indicator.setExecutorService(executor);
        return indicator;
    }

    private static MongoClient client(String connectionString, int serverSelectionMillis) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(serverSelectionMillis, TimeUnit.MILLISECONDS))
                .build());
    }
}

package io.playerbase.adapters.mongo.connection;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditLogStore;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import com.mongodb.MongoTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoConnectionFactoryTest {

    @Test
    void withoutAUriTheServiceUsesTheEmbeddedServerAndOneClient() {
        try (ApplicationContext context = run(Map.of("playerbase.mongo.uri", "  "))) {
            MongoStoreInfo store = context.getBean(MongoStoreInfo.class);

            assertTrue(store.embedded());
            assertEquals("embedded", store.kind());
            assertEquals("playerbase", store.database());
            assertTrue(store.description().startsWith("embedded MongoDB (in memory) on 127.0.0.1:"), store.description());
            assertEquals("playerbase", context.getBean(MongoDatabase.class).getName());
            assertEquals(1, context.getBeansOfType(MongoClient.class).size());
            assertTrue(context.containsBean(EmbeddedMongoServer.class));
        }
    }

    @Test
    void anExternalUriNamesTheDatabaseUnlessOneIsConfigured() {
        try (ApplicationContext context = run(Map.of("playerbase.mongo.uri", EmbeddedMongo.connectionString() + "/from_uri"))) {
            MongoStoreInfo store = context.getBean(MongoStoreInfo.class);

            assertFalse(store.embedded());
            assertEquals("from_uri", store.database());
            assertTrue(store.description().startsWith("external MongoDB at 127.0.0.1:"), store.description());
            assertFalse(context.containsBean(EmbeddedMongoServer.class));
            assertEquals(1, context.getBeansOfType(MongoClient.class).size());
        }
        try (ApplicationContext context = run(Map.of(
                "playerbase.mongo.uri", EmbeddedMongo.connectionString() + "/from_uri",
                "playerbase.mongo.database", "configured"))) {
            assertEquals("configured", context.getBean(MongoDatabase.class).getName());
        }
    }

    @Test
    void micronautDataRepositoriesUseTheConfiguredDatabase() {
        String database = EmbeddedMongo.uniqueDatabaseName();
        try (ApplicationContext context = run(Map.of(
                "playerbase.mongo.uri", EmbeddedMongo.connectionString() + "/not_this_one",
                "playerbase.mongo.database", database))) {
            UserId user = UserId.newId(Instant.now());
            context.getBean(AuditLogStore.class).write(AuditEntry.of(user, Actor.system("r"), "user.registered", "user",
                    List.of(), Instant.now()));
        }

        assertEquals(1, EmbeddedMongo.client().getDatabase(database).getCollection("user_audit_logs").countDocuments());
        assertEquals(0, EmbeddedMongo.client().getDatabase("not_this_one").getCollection("user_audit_logs").countDocuments());
    }

    @Test
    void anUnreachableDatabaseFailsTheStartAfterTheLastAttemptWithoutShowingThePassword() {
        Map<String, Object> properties = Map.of(
                "playerbase.mongo.uri", "mongodb://app:s3cret@127.0.0.1:1/app",
                "playerbase.mongo.startup.max-attempts", 2,
                "playerbase.mongo.startup.initial-backoff", "10ms",
                "playerbase.mongo.server-selection-timeout", "300ms",
                "playerbase.mongo.connect-timeout", "300ms");

        RuntimeException error = assertThrows(RuntimeException.class, () -> run(properties));

        StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("is not reachable after 2 attempts"), messages.toString());
        assertTrue(messages.toString().contains("external MongoDB at 127.0.0.1:1"), messages.toString());
        assertFalse(messages.toString().contains("s3cret"), messages.toString());
    }

    @Test
    void byDefaultAnUnreachableDatabaseDoesNotHoldUpTheStartAndFailsOperationsWithinTheSelectionTimeout() {
        long start = System.nanoTime();
        try (ApplicationContext context = run(Map.of(
                "playerbase.mongo.uri", "mongodb://127.0.0.1:1/app",
                "playerbase.mongo.server-selection-timeout", "300ms"))) {
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
            MongoDatabase database = context.getBean(MongoDatabase.class);

            assertThrows(MongoTimeoutException.class, () -> database.runCommand(new Document("ping", 1)));
        }
    }

    @Test
    void theDefaultsComeFromTheConfigurationAndTheReadTimeoutOnlyAppliesToAnExternalDatabase() {
        try (ApplicationContext context = run(Map.of())) {
            MongoConnectionSettings settings = context.getBean(MongoConnectionSettings.class);
            MongoClientSettings embedded = MongoConnectionFactory.clientSettings(new ConnectionString("mongodb://x"),
                    settings, MongoClientSettings.getDefaultCodecRegistry(), null);

            assertEquals(Duration.ofMillis(1500), settings.serverSelectionTimeout());
            assertEquals(100, settings.pool().maxSize());
            assertEquals(0, settings.startup().maxAttempts());
            assertEquals(0, embedded.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS));
            assertEquals(Duration.ofMinutes(5), context.getBean(MongoRoleSettings.class).admin().socketTimeout());
        }
    }

    @Test
    void poolAndCommandMetricsAreRegisteredWhenARegistryExists() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(embeddedProperties(Map.of()))
                .singletons(registry)
                .start()) {
            context.getBean(MongoDatabase.class).runCommand(new Document("ping", 1));
            AdminMongo admin = context.getBean(AdminMongo.class);
            admin.client().getDatabase(admin.databaseName()).runCommand(new Document("buildInfo", 1));

            assertNotNull(registry.find("mongodb.driver.pool.size").gauge());
            assertNotNull(registry.find("mongodb.driver.commands").tag("command", "ping").timer());
            // The admin role's commands (migrations) are not timed.
            assertNull(registry.find("mongodb.driver.commands").tag("command", "buildInfo").timer());
            assertNotNull(registry.find("mongodb.driver.pool.size").tag("role", "admin").gauge());
        }
    }

    @Test
    void commandListenerBeansHearTheCommandsOfTheClients() {
        List<String> heard = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                heard.add(event.getCommandName());
            }
        };
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(embeddedProperties(Map.of()))
                .singletons(listener)
                .start()) {
            context.getBean(MongoDatabase.class).runCommand(new Document("ping", 1));
            context.getBean(ReadOnlyMongo.class).count("users", new Document());

            assertTrue(heard.contains("ping"), heard.toString());
            assertTrue(heard.contains("aggregate") || heard.contains("count"), heard.toString());
        }
    }

    @Test
    void clientSettingsCarryConcernsRetriesPoolAndTimeouts() {
        MongoConnectionSettings settings = new MongoConnectionSettings("mongodb://db:27017", "",
                new MongoConnectionSettings.Pool(42, 3), Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofSeconds(7),
                new MongoConnectionSettings.Startup(10, Duration.ofMillis(500), Duration.ofSeconds(10)));

        MongoClientSettings client = MongoConnectionFactory.clientSettings(new ConnectionString(settings.uri()), settings,
                MongoClientSettings.getDefaultCodecRegistry(), null);

        assertEquals(WriteConcern.MAJORITY, client.getWriteConcern());
        assertEquals(ReadConcern.MAJORITY, client.getReadConcern());
        assertTrue(client.getRetryWrites());
        assertTrue(client.getRetryReads());
        assertEquals(42, client.getConnectionPoolSettings().getMaxSize());
        assertEquals(3, client.getConnectionPoolSettings().getMinSize());
        assertEquals(4000, client.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
        assertEquals(5000, client.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS));
        assertEquals(6000, client.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
        assertEquals(7000, client.getServerSettings().getHeartbeatFrequency(TimeUnit.MILLISECONDS));
        assertFalse(settings.toString().contains("s3cret"));
    }

    @Test
    void settingsNeverPrintThePassword() {
        MongoConnectionSettings settings = new MongoConnectionSettings("mongodb://app:s3cret@db:27017", "",
                new MongoConnectionSettings.Pool(1, 0), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, new MongoConnectionSettings.Startup(1, Duration.ZERO, Duration.ZERO));

        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    private static ApplicationContext run(Map<String, Object> overrides) {
        return ApplicationContext.run(embeddedProperties(overrides));
    }

    private static Map<String, Object> embeddedProperties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "playerbase.embedded.data-dir", ":memory:",
                "playerbase.embedded.port", 0,
                "playerbase.migrations.run-at-start", false));
        properties.putAll(overrides);
        return properties;
    }
}

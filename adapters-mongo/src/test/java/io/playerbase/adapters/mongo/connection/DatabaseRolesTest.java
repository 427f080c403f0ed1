package io.playerbase.adapters.mongo.connection;

import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three database roles (docs/operations.md): separate clients, and by default all on the same server. */
class DatabaseRolesTest {

    @Test
    void eachRoleHasItsOwnClientAndOnlyTheReadWriteOneIsABean() {
        try (ApplicationContext context = run(Map.of())) {
            MongoClient readWrite = context.getBean(MongoClient.class);
            ReadOnlyMongo readOnly = context.getBean(ReadOnlyMongo.class);
            AdminMongo admin = context.getBean(AdminMongo.class);

            assertNotSame(readWrite, readOnly.client());
            assertNotSame(readWrite, admin.client());
            assertNotSame(readOnly.client(), admin.client());
            assertEquals(1, context.getBeansOfType(MongoClient.class).size(), "role clients cannot be injected as MongoClient");
            assertEquals(ReadPreference.secondaryPreferred(), readOnly.readPreference());
            assertEquals(ReadPreference.primary(), context.getBean(MongoDatabase.class).getReadPreference());
            assertEquals("playerbase", admin.databaseName());
        }
    }

    @Test
    void byDefaultAllRolesReachTheSameStore() {
        try (ApplicationContext context = run(Map.of())) {
            context.getBean(MongoDatabase.class).getCollection("probe").insertOne(new Document("_id", "written"));

            assertEquals(1, context.getBean(ReadOnlyMongo.class).count("probe", Filters.eq("_id", "written")));
            assertEquals(1, context.getBean(AdminMongo.class).client().getDatabase("playerbase")
                    .getCollection("probe").countDocuments());
        }
    }

    @Test
    void theReadOnlyRoleRefusesAggregationsThatWrite() {
        try (ApplicationContext context = run(Map.of())) {
            ReadOnlyMongo readOnly = context.getBean(ReadOnlyMongo.class);
            context.getBean(MongoDatabase.class).getCollection("probe").insertOne(new Document("_id", 1));

            assertThrows(IllegalArgumentException.class,
                    () -> readOnly.aggregate("probe", List.of(Aggregates.match(new Document()), Aggregates.out("copy"))));
            assertThrows(IllegalArgumentException.class,
                    () -> readOnly.aggregate("probe", List.of(Aggregates.merge("copy"))));
            assertEquals(1, readOnly.aggregate("probe", List.of(Aggregates.match(new Document("_id", 1))))
                    .into(new ArrayList<>()).size());
            assertFalse(context.getBean(MongoDatabase.class).listCollectionNames().into(new ArrayList<>()).contains("copy"));
        }
    }

    @Test
    void ownUrisSendEachRoleToItsOwnServer() {
        String database = EmbeddedMongo.uniqueDatabaseName();
        try (EmbeddedMongoServer replica = EmbeddedMongoServer.startInMemory(0);
             ApplicationContext context = run(Map.of(
                     "playerbase.mongo.uri", EmbeddedMongo.connectionString(),
                     "playerbase.mongo.database", database,
                     "playerbase.mongo.read-only.uri", replica.connectionString(),
                     "playerbase.mongo.admin.uri", replica.connectionString()))) {
            try (MongoClient direct = MongoClients.create(replica.connectionString())) {
                direct.getDatabase(database).getCollection("probe").insertOne(new Document("_id", "on-the-replica"));
            }

            assertEquals(1, context.getBean(ReadOnlyMongo.class).count("probe", new Document()));
            assertEquals(0, context.getBean(MongoDatabase.class).getCollection("probe").countDocuments());
            assertEquals(1, context.getBean(AdminMongo.class).client().getDatabase(database)
                    .getCollection("probe").countDocuments(), "the admin role reaches the server of its own URI");
        }
    }

    @Test
    void migrationsRunOnTheAdminRole() {
        String database = EmbeddedMongo.uniqueDatabaseName();
        try (EmbeddedMongoServer adminServer = EmbeddedMongoServer.startInMemory(0);
             ApplicationContext context = run(Map.of(
                     "playerbase.mongo.uri", EmbeddedMongo.connectionString(),
                     "playerbase.mongo.database", database,
                     "playerbase.mongo.admin.uri", adminServer.connectionString()))) {
            context.getBean(MigrationRunner.class).migrate();

            try (MongoClient direct = MongoClients.create(adminServer.connectionString())) {
                assertTrue(direct.getDatabase(database).listCollectionNames().into(new ArrayList<>()).contains("users"));
            }
            assertFalse(EmbeddedMongo.client().getDatabase(database).listCollectionNames()
                    .into(new ArrayList<>()).contains("users"));
        }
    }

    @Test
    void aRoleUriWithoutAMainUriIsAConfigurationError() {
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> run(Map.of("playerbase.mongo.read-only.uri", "mongodb://reader:s3cret@db:27017")));
        String messages = messages(error);
        assertTrue(messages.contains("no main URI"), messages);
        assertFalse(messages.contains("s3cret"), messages);
    }

    @Test
    void anInvalidRoleUriNamesItsSettingButNotItsPassword() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> run(Map.of(
                "playerbase.mongo.uri", EmbeddedMongo.connectionString(),
                "playerbase.mongo.admin.uri", "mongodb://root:s3cret@")));
        String messages = messages(error);
        assertTrue(messages.contains("playerbase.mongo.admin.uri"), messages);
        assertFalse(messages.contains("s3cret"), messages);
    }

    private static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static ApplicationContext run(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "playerbase.embedded.data-dir", ":memory:",
                "playerbase.embedded.port", 0,
                "playerbase.migrations.run-at-start", false,
                "playerbase.mongo.startup.max-attempts", 1));
        properties.putAll(overrides);
        return ApplicationContext.builder().properties(properties)
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys())
                .start();
    }
}

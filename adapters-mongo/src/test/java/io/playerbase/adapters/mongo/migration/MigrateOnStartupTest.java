package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateOnStartupTest {

    @Test
    void theStartAppliesPendingMigrationsWithTheConfiguredPassword() {
        try (ApplicationContext context = start(Map.of("playerbase.comp-players.password", "configured-secret"))) {
            MigrationStatus status = context.getBean(MigrationRunner.class).status();

            assertTrue(status.upToDate());
            assertEquals(MigrationStatus.Outcome.SUCCEEDED, status.lastRun());
            Document player = context.getBean(MongoDatabase.class).getCollection("users")
                    .find(Filters.eq("username", "lena_kay")).first();
            assertTrue(new FakePasswordHasher().verify("configured-secret", player.getString("password_hash")));
        }
    }

    @Test
    void runAtStartFalseLeavesThemPending() {
        try (ApplicationContext context = start(Map.of("playerbase.migrations.run-at-start", false))) {
            MigrationStatus status = context.getBean(MigrationRunner.class).status();

            assertEquals(MigrationStatus.Outcome.NOT_RUN, status.lastRun());
            assertEquals(ChangeUnits.ids(), status.pending());
        }
    }

    @Test
    void aFailingMigrationStopsTheStart() {
        String database = EmbeddedMongo.uniqueDatabaseName();
        var users = EmbeddedMongo.client().getDatabase(database).getCollection("users");
        users.insertOne(new Document("_id", 1).append("email_bidx", "same"));
        users.insertOne(new Document("_id", 2).append("email_bidx", "same"));

        RuntimeException error = assertThrows(RuntimeException.class, () -> start(Map.of(
                "playerbase.mongo.uri", EmbeddedMongo.connectionString(),
                "playerbase.mongo.database", database)));

        assertTrue(error.getMessage().contains("Migrations of database " + database + " failed"), error.getMessage());
    }

    private static ApplicationContext start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "playerbase.embedded.data-dir", ":memory:",
                "playerbase.embedded.port", 0));
        properties.putAll(overrides);
        return ApplicationContext.builder()
                .properties(properties)
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys())
                .start();
    }
}

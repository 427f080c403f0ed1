package io.playerbase.adapters.mongo.testing;

import com.mongodb.client.MongoClient;
import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Mongo adapters in a Micronaut context on a fresh, migrated database of the given server, with
 * the domain's fakes for cipher, blind index and hasher. For contract tests shared by the embedded
 * server and Testcontainers.
 */
public final class AdapterContext {

    private AdapterContext() {
    }

    public static ApplicationContext start(String connectionString, MongoClient client, boolean embedded) {
        String database = EmbeddedMongo.uniqueDatabaseName();
        // Migrated first, so a real MongoDB applies validators and unique indexes to what the adapters write.
        TestMigrations.migrate(client, database, embedded);
        return ApplicationContext.builder()
                .properties(Map.of(
                        "playerbase.mongo.uri", connectionString,
                        "playerbase.mongo.database", database,
                        "playerbase.migrations.run-at-start", false))
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys())
                .start();
    }

    /**
     * The adapters configured as on a sharded cluster ({@code playerbase.mongo.sharding.enabled}), on a
     * fresh database migrated with sharding on, with extra beans (a {@link CommandRecorder}, say).
     */
    public static ApplicationContext startSharded(String connectionString, MongoClient client, Object... beans) {
        String database = EmbeddedMongo.uniqueDatabaseName();
        TestMigrations.migrateSharded(client, database);
        List<Object> singletons = new ArrayList<>(List.of(new FakeFieldCipher(), new FakeBlindIndex(),
                new FakePasswordHasher(), new FakePersonalDataKeys()));
        singletons.addAll(List.of(beans));
        return ApplicationContext.builder()
                .properties(Map.of(
                        "playerbase.mongo.uri", connectionString,
                        "playerbase.mongo.database", database,
                        "playerbase.mongo.sharding.enabled", true,
                        "playerbase.migrations.run-at-start", false))
                .singletons(singletons.toArray())
                .start();
    }
}

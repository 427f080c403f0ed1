package io.playerbase.adapters.mongo.testing;

import com.mongodb.client.MongoClient;
import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;

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
}

package io.playerbase.adapters.mongo.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationSettings;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;

/**
 * Runs the real change units on a test database with the domain's fakes for cipher, blind index and
 * hasher, so repository tests start from the same schema and data as the service.
 */
public final class TestMigrations {

    /** The computer players' password in tests (without one they get none: {@code PasswordHasher.NO_PASSWORD}). */
    public static final String COMP_PLAYER_PASSWORD = "comp-player-test-password";
    public static final int AUDIT_RETENTION_DAYS = 730;

    private TestMigrations() {
    }

    /** Through Mongock always, as for a store that other processes may reach (every test store is one). */
    public static MigrationRunner runner(MongoClient client, String databaseName, boolean embeddedStore) {
        return runner(client, databaseName, embeddedStore, false);
    }

    /** With {@code freshSetup}, an empty database is set up without Mongock, as the service's own embedded store is. */
    public static MigrationRunner runner(MongoClient client, String databaseName, boolean embeddedStore, boolean freshSetup) {
        return new MigrationRunner(client, new MongoStoreInfo(embeddedStore, databaseName, "test store"),
                new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(),
                new MigrationSettings(COMP_PLAYER_PASSWORD, AUDIT_RETENTION_DAYS, embeddedStore), LegacyCipher.NONE, freshSetup);
    }

    /** A fresh, migrated database on the shared embedded server. */
    public static MongoDatabase migratedEmbeddedDatabase() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        migrate(EmbeddedMongo.client(), database.getName(), true);
        return database;
    }

    public static MigrationStatus migrate(MongoClient client, String databaseName, boolean embeddedStore) {
        return runner(client, databaseName, embeddedStore).migrate();
    }

    /** The change units with {@code playerbase.mongo.sharding.enabled} on (a sharded cluster gets its shard keys). */
    public static MigrationStatus migrateSharded(MongoClient client, String databaseName) {
        return new MigrationRunner(client, new MongoStoreInfo(false, databaseName, "test cluster"),
                new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(),
                new MigrationSettings(COMP_PLAYER_PASSWORD, AUDIT_RETENTION_DAYS, false, true), LegacyCipher.NONE).migrate();
    }
}

package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;

/**
 * The update path on N generated old-system users on the embedded in-memory store (docs/benchmarks.md).
 * Not a test: run its {@code main} with the test classpath; prints wall times, asserts nothing.
 */
public final class LegacyUpdateBenchmark {

    private LegacyUpdateBenchmark() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        long start = System.nanoTime();
        new LegacyDatabaseGenerator(1).write(database, users);
        long generated = System.nanoTime();
        new V0040_IndexLegacyUsers(database, new FakeBlindIndex(), new FakeFieldCipher(), LegacyCipher.NONE).execute();
        long indexed = System.nanoTime();
        TestMigrations.migrate(EmbeddedMongo.client(), database.getName(), true);
        long migrated = System.nanoTime();
        System.out.printf("users=%d generate_ms=%d v0040_blind_indexes_ms=%d migrate_rest_ms=%d%n", users,
                (generated - start) / 1_000_000, (indexed - generated) / 1_000_000, (migrated - indexed) / 1_000_000);
        System.exit(0);
    }
}

package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.shared.PasswordHasher;
import org.bson.Document;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every migration test again, on the embedded store as the service's own one is set up: an empty database
 * without Mongock ({@link FreshSetup}); and that setup's result against Mongock's.
 */
class MigrationFreshSetupTest extends MigrationTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }

    @Override
    boolean freshSetup() {
        return true;
    }

    /** Two processes cannot share the embedded store a process started (its file lock): Mongock's lock covers that case. */
    @Override
    @Disabled("one process owns the embedded store it set up; concurrent instances go through Mongock (MigrationEmbeddedTest)")
    @Test
    void twoInstancesMigratingAtOnceCreateEverythingOnce() {
    }

    @Test
    void anEmptyStoreIsSetUpAsMongockSetsItUp() {
        runner().migrate();
        MongoDatabase mongock = EmbeddedMongo.freshDatabase();
        TestMigrations.runner(client(), mongock.getName(), true, false).migrate();

        Set<String> collections = database.listCollectionNames().into(new HashSet<>());
        Set<String> mongockCollections = mongock.listCollectionNames().into(new HashSet<>());
        assertFalse(collections.contains("mongockLock"), "Mongock's lock was never needed");
        mongockCollections.remove("mongockLock");
        assertEquals(mongockCollections, collections);
        for (String collection : collections) {
            if (collection.equals(MigrationRunner.CHANGE_LOG_COLLECTION)) {
                continue;
            }
            assertEquals(indexes(mongock, collection), indexes(database, collection), collection);
            assertEquals(mongock.getCollection(collection).countDocuments(), database.getCollection(collection).countDocuments(), collection);
        }
        assertEquals(changeLog(mongock), changeLog(database));
    }

    @Test
    void afterAFreshSetupMongockFindsNothingToDo() {
        runner().migrate();
        long entries = database.getCollection(MigrationRunner.CHANGE_LOG_COLLECTION).countDocuments();

        runner().run(ChangeUnits.ALL);

        assertTrue(database.listCollectionNames().into(new HashSet<>()).contains("mongockLock"), "Mongock did run");
        // Nothing ran again, but for the unit Mongock runs at every run (runAlways) if it records that.
        List<String> added = database.getCollection(MigrationRunner.CHANGE_LOG_COLLECTION).find().skip((int) entries)
                .map(entry -> entry.getString("changeId")).into(new ArrayList<>());
        assertTrue(Set.of("V0101_ShardCollections").containsAll(added), () -> "run again: " + added);
        assertEquals(5, database.getCollection("users").countDocuments());
        assertTrue(runner().status().upToDate());
    }

    @Test
    void aFailedSetupRecordsNothingAndTheNextStartCompletesItThroughMongock() {
        MigrationRunner failing = new MigrationRunner(client(), new MongoStoreInfo(true, database.getName(), "test store"),
                new FakeFieldCipher(), new FakeBlindIndex(), new FailingHasher(),
                new MigrationSettings(TestMigrations.COMP_PLAYER_PASSWORD, TestMigrations.AUDIT_RETENTION_DAYS, true),
                LegacyCipher.NONE, true);

        IllegalStateException error = assertThrows(IllegalStateException.class, failing::migrate);

        assertTrue(error.getMessage().contains("V0003_CreateComputerPlayers"), error::getMessage);
        assertEquals(MigrationStatus.Outcome.FAILED, failing.status().lastRun());
        assertEquals(0, database.getCollection(MigrationRunner.CHANGE_LOG_COLLECTION).countDocuments());
        assertEquals(List.of(), failing.status().applied());

        MigrationStatus next = runner().migrate();

        assertTrue(next.upToDate());
        assertEquals(5, database.getCollection("users").countDocuments(Filters.eq("is_comp_player", true)));
        assertTrue(database.listCollectionNames().into(new HashSet<>()).contains("mongockLock"), "the next start ran Mongock");
    }

    /** A hasher that cannot hash: V0003 fails on it when a password is configured. */
    private static final class FailingHasher implements PasswordHasher {
        @Override
        public String hash(String password) {
            throw new IllegalStateException("no memory for Argon2id");
        }

        @Override
        public boolean verify(String password, String encodedHash) {
            return false;
        }

        @Override
        public boolean needsRehash(String encodedHash) {
            return false;
        }
    }

    /** A collection's indexes as listed, without the fields that name the database. */
    private static Set<Document> indexes(MongoDatabase database, String collection) {
        return database.getCollection(collection).listIndexes().map(index -> {
            Document copy = new Document(new TreeMap<>(index));
            copy.remove("ns");
            return copy;
        }).into(new HashSet<>());
    }

    /** The change log's entries without what differs between any two runs (ids, times, durations, host). */
    private static Set<Document> changeLog(MongoDatabase database) {
        return database.getCollection(MigrationRunner.CHANGE_LOG_COLLECTION).find().into(new ArrayList<>()).stream()
                .map(entry -> {
                    Document kept = new Document(new TreeMap<>(entry));
                    for (String varying : List.of("_id", "executionId", "timestamp", "executionMillis", "executionHostname")) {
                        kept.remove(varying);
                    }
                    return kept;
                }).collect(Collectors.toSet());
    }
}

package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The change units are given the driver's own database and collections, not Mongock's lock-guard proxies
 * (classes generated at every start, which the AOT cache cannot hold); the lock itself is still taken and
 * released around the run.
 */
class LockGuardTest {

    @Test
    void aChangeUnitWorksOnTheDriversOwnObjectsUnderMongocksLock() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        TestMigrations.runner(EmbeddedMongo.client(), database.getName(), true).run(List.of(ProbeUnit.class));

        assertEquals("com.mongodb.client.internal.MongoDatabaseImpl", ProbeUnit.databaseClass);
        assertEquals("com.mongodb.client.internal.MongoCollectionImpl", ProbeUnit.collectionClass);
        assertEquals("LOCK_HELD", ProbeUnit.lockSeen, "the unit ran under Mongock's lock");
        Document entry = database.getCollection(MigrationRunner.CHANGE_LOG_COLLECTION)
                .find(new Document("changeId", "T_ProbeUnit")).first();
        assertNotNull(entry);
        assertEquals("EXECUTED", entry.getString("state"));
        assertEquals(0, database.getCollection("mongockLock").countDocuments(), "the lock is released after the run");
    }

    @ChangeUnit(id = "T_ProbeUnit", order = "9999", author = "test")
    public static class ProbeUnit {

        static volatile String databaseClass;
        static volatile String collectionClass;
        static volatile String lockSeen;

        private final MongoDatabase database;

        public ProbeUnit(MongoDatabase database) {
            this.database = database;
        }

        @Execution
        public void execute() {
            databaseClass = database.getClass().getName();
            MongoCollection<Document> locks = database.getCollection("mongockLock");
            collectionClass = locks.getClass().getName();
            lockSeen = locks.countDocuments() == 1 ? "LOCK_HELD" : "NO_LOCK";
        }

        @RollbackExecution
        public void rollback() {
        }
    }
}

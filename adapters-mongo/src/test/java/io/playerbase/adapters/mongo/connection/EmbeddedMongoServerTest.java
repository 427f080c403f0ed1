package io.playerbase.adapters.mongo.connection;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientException;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedMongoServerTest {

    @Test
    void clientSessionsWorkWithMajorityConcerns() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0);
             MongoClient client = client(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things")
                    .withWriteConcern(WriteConcern.MAJORITY).withReadConcern(ReadConcern.MAJORITY);

            try (ClientSession session = client.startSession()) {
                things.insertOne(session, new Document("_id", 1));
                session.withTransaction(() -> things.insertOne(session, new Document("_id", 2)));
                assertEquals(2, things.countDocuments(session));
            }
        }
    }

    /** Pins the limit the whole design works around: the embedded server has no rollback. */
    @Test
    void abortingATransactionUndoesNothing() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0);
             MongoClient client = client(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");

            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                things.insertOne(session, new Document("_id", 1));
                session.abortTransaction();
            }

            assertEquals(1, things.countDocuments());
        }
    }

    @Test
    void theStockServerRefusesSessions() {
        MongoServer stock = new MongoServer(new MemoryBackend());
        stock.bind("127.0.0.1", 0);
        try (MongoClient client = client(stock.getConnectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");

            try (ClientSession session = client.startSession()) {
                assertThrows(MongoClientException.class, () -> things.insertOne(session, new Document("_id", 1)));
            }
        } finally {
            stock.shutdownNow();
        }
    }

    @Test
    void theFileStoreKeepsDataAcrossRestarts(@TempDir Path dataDir) {
        Path nested = dataDir.resolve("not/yet/there");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(nested.toString(), 0);
             MongoClient client = client(server.connectionString())) {
            client.getDatabase("db").getCollection("things").insertOne(new Document("_id", "kept"));
            assertTrue(server.description().contains(nested.resolve("playerbase.docs").toString()));
        }
        assertTrue(Files.isRegularFile(nested.resolve("playerbase.docs")));

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(nested.toString(), 0);
             MongoClient client = client(server.connectionString())) {
            assertNotNull(client.getDatabase("db").getCollection("things").find(new Document("_id", "kept")).first());
        }
    }

    @Test
    void listensOnLoopbackOnly() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoServer.IN_MEMORY, 0)) {
            assertEquals("mongodb://127.0.0.1:" + server.port(), server.connectionString());
            assertTrue(server.description().contains("in memory"));
        }
    }

    @Test
    void aPortInUseGivesAClearError() {
        try (EmbeddedMongoServer first = EmbeddedMongoServer.startInMemory(0)) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> EmbeddedMongoServer.startInMemory(first.port()));

            assertTrue(error.getMessage().contains("PLAYERBASE_EMBEDDED_PORT"), error.getMessage());
        }
    }

    @Test
    void aDataDirectoryInUseGivesAClearError(@TempDir Path dataDir) {
        try (EmbeddedMongoServer first = EmbeddedMongoServer.start(dataDir.toString(), 0)) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> EmbeddedMongoServer.start(dataDir.toString(), 0));

            assertTrue(error.getMessage().contains("same data directory"), error.getMessage());
        }
    }

    private static MongoClient client(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .build());
    }
}

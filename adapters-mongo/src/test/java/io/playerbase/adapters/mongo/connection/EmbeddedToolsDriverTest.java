package io.playerbase.adapters.mongo.connection;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.internal.build.MongoDriverVersion;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a person or a tool does first against the embedded store, through the Java driver. Runs twice
 * (adapters-mongo/pom.xml): with the application's driver, and in the {@code driver-5} execution with
 * the current mongodb-driver-sync 5.x alone on the classpath; {@code playerbase.expected-driver}
 * makes sure that run really uses it.
 */
class EmbeddedToolsDriverTest {

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoDatabase db;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.startInMemory(0);
        client = MongoClients.create(server.connectionString());
        db = client.getDatabase("playerbase");
        MongoCollection<Document> users = db.getCollection("users");
        users.insertMany(List.of(
                new Document("_id", "u1").append("username", "ann").append("status", "active"),
                new Document("_id", "u2").append("username", "bob").append("status", "suspended"),
                new Document("_id", "u3").append("username", "cid").append("status", "active")));
        users.createIndex(new Document("status", 1));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void runsWithTheExpectedDriver() throws ReflectiveOperationException {
        String expected = System.getProperty("playerbase.expected-driver");
        if (expected != null) {
            // Read at run time: javac would inline the constant of the driver this class was compiled against.
            assertEquals(expected, MongoDriverVersion.class.getField("VERSION").get(null));
        }
    }

    @Test
    void theHandshakeReportsMongoDb50WithItsWireVersion() {
        Document hello = db.runCommand(new Document("hello", 1));
        Document buildInfo = db.runCommand(new Document("buildInfo", 1));

        assertEquals(13, hello.getInteger("maxWireVersion"));
        assertEquals(true, hello.getBoolean("isWritablePrimary"));
        assertEquals("5.0.0", buildInfo.getString("version"));
    }

    @Test
    void theFirstCommandsAnswer() {
        MongoCollection<Document> users = db.getCollection("users");

        // listCollections(), not listCollectionNames(): the latter's return type changed in 5.0 (one source, two drivers)
        assertTrue(db.listCollections().map(c -> c.getString("name")).into(new ArrayList<>()).contains("users"));
        assertEquals("ann", users.find(new Document("_id", "u1")).first().getString("username"));
        assertEquals(3, users.countDocuments());
        assertEquals(2, users.countDocuments(new Document("status", "active")));
        assertEquals(3, users.estimatedDocumentCount());
        assertEquals(List.of(new Document("_id", "active").append("n", 2), new Document("_id", "suspended").append("n", 1)),
                users.aggregate(List.of(
                        new Document("$group", new Document("_id", "$status").append("n", new Document("$sum", 1))),
                        new Document("$sort", new Document("_id", 1)))).into(new ArrayList<>()));
        assertEquals(List.of("_id_", "status_1"),
                users.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()));
    }

    @Test
    void collStatsCountsTheDocumentsAndTheirBsonSize() {
        long size = 0;
        for (Document user : db.getCollection("users").find()) {
            size += new RawBsonDocument(user, new DocumentCodec()).getByteBuffer().remaining();
        }

        Document stats = db.runCommand(new Document("collStats", "users"));
        Document dbStats = db.runCommand(new Document("dbStats", 1));

        assertEquals(3, stats.get("count", Number.class).intValue());
        assertEquals(size, stats.get("size", Number.class).longValue());
        assertEquals(2, stats.get("nindexes", Number.class).intValue());
        assertTrue(stats.getString("embeddedStore").contains("not available on the embedded store"));
        assertEquals(size, dbStats.get("dataSize", Number.class).longValue());
        assertEquals(3, dbStats.get("objects", Number.class).intValue());
        assertTrue(!stats.containsKey("storageSize") && !dbStats.containsKey("storageSize"));
    }

    @Test
    void theCollStatsStageAnswersAndRefusesWhatItCannotKnow() {
        MongoCollection<Document> users = db.getCollection("users");

        Document stage = users.aggregate(List.of(new Document("$collStats",
                new Document("storageStats", new Document()).append("count", new Document())))).first();
        MongoCommandException storageSize = assertThrows(MongoCommandException.class, () -> users.aggregate(List.of(
                new Document("$collStats", new Document("storageStats", new Document())),
                new Document("$group", new Document("_id", null).append("v", new Document("$sum", "$storageStats.storageSize")))))
                .first());

        assertEquals(3, stage.get("count", Number.class).intValue());
        assertEquals(3, stage.get("storageStats", Document.class).get("count", Number.class).intValue());
        assertTrue(storageSize.getErrorMessage().contains("storageStats.storageSize is not available on the embedded store"),
                storageSize.getErrorMessage());
    }

    @Test
    void anUnsupportedCommandSaysSo() {
        MongoCommandException error = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("explain", new Document("find", "users"))));

        assertEquals(59, error.getErrorCode());
        assertEquals("CommandNotFound", error.getErrorCodeName());
        assertTrue(error.getErrorMessage().contains("not supported by the embedded store"), error.getErrorMessage());
    }

    @Test
    void aCommandTheAdminDatabaseLacksSaysWhere() {
        // mongosh sends this at start-up; a person may type it after "use admin".
        MongoCommandException error = assertThrows(MongoCommandException.class, () -> client.getDatabase("admin")
                .getCollection("atlascli").aggregate(List.of(new Document("$match", new Document()))).first());

        assertEquals(59, error.getErrorCode());
        assertTrue(error.getErrorMessage().contains("'aggregate' in the admin database (not supported by the embedded store"),
                error.getErrorMessage());
    }
}

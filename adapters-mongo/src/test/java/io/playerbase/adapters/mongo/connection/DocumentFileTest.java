package io.playerbase.adapters.mongo.connection;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.BsonBinary;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded store's document file: what is written comes back after a restart, a torn tail is cut, the file stays compact. */
class DocumentFileTest {

    @TempDir
    Path dataDir;

    private Path file() {
        return dataDir.resolve(DocumentFile.FILE_NAME);
    }

    private static Document everyType() {
        return new Document("_id", new ObjectId())
                .append("string", "Ünïcödé 東京 🂡")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 0.1)
                .append("decimal", Decimal128.parse("12.3400"))
                .append("bool", true)
                .append("null", null)
                .append("date", Date.from(Instant.parse("2026-12-04T10:15:30.123Z")))
                .append("binary", new Binary(new byte[]{0, 1, 2, (byte) 255}))
                .append("uuid", new Binary((byte) 4, new BsonBinary(UUID.fromString("0e2f9a4b-7c1d-4e8f-9a0b-1c2d3e4f5a6b")).getData()))
                .append("nested", new Document("a", List.of(1, "two", new Document("three", 3.0))))
                .append("empty", new Document())
                .append("list", List.of());
    }

    @Test
    void documentsIndexesAndDropsSurviveARestart() {
        Document typed = everyType();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            var database = client.getDatabase("db");
            database.getCollection("typed").insertOne(typed);
            MongoCollection<Document> users = database.getCollection("users");
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("ux_email"));
            for (int i = 0; i < 100; i++) {
                users.insertOne(new Document("_id", i).append("email", "u" + i + "@example.com").append("n", 0));
            }
            for (int i = 0; i < 100; i += 2) {
                users.updateOne(Filters.eq("_id", i), Updates.inc("n", i));
            }
            users.deleteMany(Filters.lt("_id", 10));
            users.insertOne(new Document("_id", 1000).append("email", "reused-a-position@example.com"));
            database.getCollection("gone").insertOne(new Document("_id", 1));
            database.getCollection("gone").drop();
            client.getDatabase("dropped").getCollection("c").insertOne(new Document("_id", 1));
            client.getDatabase("dropped").drop();
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            var database = client.getDatabase("db");
            assertEquals(typed, database.getCollection("typed").find().first(), "every BSON type round-trips");
            MongoCollection<Document> users = database.getCollection("users");
            assertEquals(91, users.countDocuments());
            assertEquals(20, users.find(Filters.eq("_id", 20)).first().getInteger("n"));
            assertEquals(0, users.find(Filters.eq("_id", 21)).first().getInteger("n"));
            assertNull(users.find(Filters.eq("_id", 5)).first());
            assertThrows(MongoWriteException.class, () -> users.insertOne(new Document("_id", 2000).append("email", "u50@example.com")),
                    "the unique index was rebuilt");
            assertThrows(MongoWriteException.class, () -> users.insertOne(new Document("_id", 50)), "and the _id index");
            assertTrue(database.listCollectionNames().into(new ArrayList<>()).containsAll(List.of("typed", "users")));
            assertTrue(!database.listCollectionNames().into(new ArrayList<>()).contains("gone"), "a dropped collection stays dropped");
            assertTrue(!client.listDatabaseNames().into(new ArrayList<>()).contains("dropped"), "a dropped database stays dropped");
        }
    }

    @Test
    void aTornLastRecordIsCutAndTheRestIsKept() throws IOException {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("db").getCollection("things").insertOne(new Document("_id", "kept"));
        }
        long size = Files.size(file());
        // A crash in the middle of a record: its length says 500 bytes, 3 follow.
        Files.write(file(), new byte[]{0, 0, 1, (byte) 244, 1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertEquals(1, things.countDocuments());
            things.insertOne(new Document("_id", "after"));
        }
        assertTrue(Files.size(file()) > size);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertEquals(2, client.getDatabase("db").getCollection("things").countDocuments(), "appended after the cut");
        }
    }

    @Test
    void theFileStaysWithinThreeTimesTheLiveDataAndShrinksAfterDeletes() throws Exception {
        String padding = "x".repeat(2000);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            for (int i = 0; i < 500; i++) {
                things.insertOne(new Document("_id", i).append("n", 0).append("padding", padding));
            }
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 500; i++) {
                    things.updateOne(Filters.eq("_id", i), Updates.inc("n", 1));
                }
            }
            // About 11 MB were appended for about 1 MB of live documents.
            awaitCompacted(3);
            things.deleteMany(Filters.gte("_id", 50));
            for (int i = 0; i < 50; i++) {
                things.updateOne(Filters.eq("_id", i), Updates.inc("n", 1));
            }
        }
        long afterDeletes = Files.size(file());
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertEquals(50, things.countDocuments());
            assertEquals(11, things.find(Filters.eq("_id", 7)).first().getInteger("n"));
        }
        assertTrue(afterDeletes < 1 << 21, "not more than the 1 MiB floor plus the last records: " + afterDeletes);
    }

    private void awaitCompacted(int maxRatio) throws Exception {
        long liveEstimate = 500L * 2100;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(file()) > maxRatio * liveEstimate && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.size(file()) <= maxRatio * liveEstimate, "file " + Files.size(file()) + " for about " + liveEstimate
                + " bytes of live documents");
    }
}

package io.playerbase.adapters.mongo.connection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Queries pinning _id next to other conditions answer exactly as a full scan would, on both backends. */
class IdIndexedBackendsTest {

    @Test
    void findsTheIdConditionTheIndexCanAnswer() {
        assertEquals(7, IdIndexedBackends.indexableIdCondition(new de.bwaldvogel.mongo.bson.Document("_id", 7).append("a", 1)));
        assertNull(IdIndexedBackends.indexableIdCondition(new de.bwaldvogel.mongo.bson.Document("_id", 7)), "alone: the index already answers");
        de.bwaldvogel.mongo.bson.Document and = new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                new de.bwaldvogel.mongo.bson.Document("a", 1), new de.bwaldvogel.mongo.bson.Document("_id", 7)));
        assertEquals(7, IdIndexedBackends.indexableIdCondition(and));
        de.bwaldvogel.mongo.bson.Document in = new de.bwaldvogel.mongo.bson.Document("$in", List.of(1, 2));
        assertEquals(in, IdIndexedBackends.indexableIdCondition(new de.bwaldvogel.mongo.bson.Document("_id", in).append("a", 1)));
        assertNull(IdIndexedBackends.indexableIdCondition(new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$ne", 1)).append("a", 1)), "an operator the index cannot answer");
        assertNull(IdIndexedBackends.indexableIdCondition(new de.bwaldvogel.mongo.bson.Document("a", 1)));
    }

    @Test
    void inMemory() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0)) {
            checkQueries(server);
        }
    }

    @Test
    void fileBackedAlsoAfterARestart(@TempDir Path dir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dir, 0)) {
            checkQueries(server);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertEquals(1, things.updateOne(Filters.and(Filters.eq("_id", 3), Filters.eq("n", 30)), Updates.inc("n", 1))
                    .getModifiedCount(), "collections reopened from the file answer the same way");
            assertEquals(31, things.find(Filters.eq("_id", 3)).first().getInteger("n"));
        }
    }

    private static void checkQueries(EmbeddedMongoServer server) {
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            List<Document> rows = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                rows.add(new Document("_id", i).append("n", i * 10).append("tags", List.of("t" + i)));
            }
            things.insertMany(rows);

            assertEquals(0, things.updateOne(Filters.and(Filters.eq("_id", 2), Filters.eq("n", 99)), Updates.inc("n", 1))
                    .getModifiedCount(), "the other conditions still apply");
            assertEquals(1, things.updateOne(Filters.and(Filters.eq("_id", 2), Filters.eq("n", 20)), Updates.inc("n", 1))
                    .getModifiedCount());
            assertEquals(21, things.find(Filters.eq("_id", 2)).first().getInteger("n"));
            assertEquals(0, things.updateOne(Filters.and(Filters.eq("_id", 2), Filters.ne("tags", "t2")), Updates.inc("n", 1))
                    .getModifiedCount());
            assertEquals(List.of(4, 3), things.find(Filters.and(Filters.in("_id", List.of(1, 3, 4)), Filters.gte("n", 30)))
                    .sort(Sorts.descending("n")).projection(Projections.include("_id")).map(d -> d.getInteger("_id"))
                    .into(new ArrayList<>()));
            assertEquals(1, things.deleteOne(Filters.and(Filters.eq("_id", 5), Filters.eq("n", 50))).getDeletedCount());
            assertEquals(4, things.countDocuments());
            assertEquals(List.of(1), things.find(new Document("_id", 1).append("n", 10)).map(d -> d.getInteger("_id"))
                    .into(new ArrayList<>()), "a flat query with _id and other fields");
        }
    }
}

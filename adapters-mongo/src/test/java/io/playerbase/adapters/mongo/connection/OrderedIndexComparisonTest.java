package io.playerbase.adapters.mongo.connection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sorted reads through an {@link OrderedIndex} answer exactly what stock mongo-java-server answers by
 * scanning and sorting: the query shapes the index serves and those it does not, with ties, missing
 * fields, nulls, mixed number types and strings, before and after inserts, updates and deletes. Every
 * sort ends with {@code _id}: the order of documents that tie on the whole sort is unspecified (MongoDB
 * does not define it; the two servers place reinserted documents differently).
 */
class OrderedIndexComparisonTest {

    private static final Document BOARD = new Document("s", 1).append("c", 1).append("p", -1).append("_id", 1);
    private static final Document BY_TIME = new Document("t", 1).append("_id", 1);

    private static List<Bson> queries(Random random) {
        List<Bson> queries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int value = random.nextInt(30);
            int id = random.nextInt(400);
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.eq("c", false)));
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.eq("c", true), Filters.gte("p", 0)));
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.eq("c", false), Filters.lt("p", value)));
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.eq("c", false), Filters.lte("p", value), Filters.gt("p", value - 7)));
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.eq("c", false), Filters.eq("p", value), Filters.gt("_id", id)));
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.eq("c", false), Filters.gt("p", value)));
            queries.add(Filters.and(Filters.eq("s", "s"), Filters.eq("c", false), Filters.gte("p", (double) value)));
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.eq("c", false), Filters.lt("p", value),
                    Filters.or(Filters.lt("p", value - 3), Filters.gt("_id", id))));
            queries.add(new Document("s", "a").append("c", new Document("$eq", false)).append("p", new Document("$lt", (long) value)));
            queries.add(Filters.and(Filters.eq("s", "a"), Filters.ne("c", true)));
            queries.add(Filters.gt("p", value));
            queries.add(Filters.and(Filters.gte("t", value), Filters.lt("t", value + 10)));
            queries.add(new Document());
        }
        return queries;
    }

    private static final List<Bson> SORTS = List.of(
            Sorts.orderBy(Sorts.descending("p"), Sorts.ascending("_id")),
            Sorts.orderBy(Sorts.ascending("p"), Sorts.descending("_id")),
            Sorts.ascending("_id"),
            Sorts.orderBy(Sorts.ascending("t"), Sorts.ascending("_id")),
            Sorts.orderBy(Sorts.descending("t"), Sorts.descending("_id")));

    @Test
    void inMemory() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0)) {
            compareWithStock(server.connectionString(), 7);
        }
    }

    @Test
    void onFile(@TempDir Path dataDir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0)) {
            compareWithStock(server.connectionString(), 11);
        }
    }

    private static void compareWithStock(String connectionString, long seed) {
        Random random = new Random(seed);
        MongoServer stock = new MongoServer(new MemoryBackend());
        stock.bind("127.0.0.1", 0);
        try (MongoClient embedded = MongoClients.create(connectionString);
             MongoClient reference = MongoClients.create(stock.getConnectionString())) {
            MongoCollection<Document> ours = embedded.getDatabase("db").getCollection("board");
            MongoCollection<Document> theirs = reference.getDatabase("db").getCollection("board");
            for (MongoCollection<Document> board : List.of(ours, theirs)) {
                board.createIndex(BOARD, new IndexOptions().name("ix_board"));
                board.createIndex(BY_TIME, new IndexOptions().name("ix_time"));
            }
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                documents.add(randomDocument(i, random));
            }
            ours.insertMany(documents);
            theirs.insertMany(documents);
            int found = 0;
            for (int round = 0; round < 3; round++) {
                for (Bson query : queries(random)) {
                    for (Bson sort : SORTS) {
                        int skip = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
                        int limit = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
                        List<Document> expected = theirs.find(query).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
                        List<Document> actual = ours.find(query).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
                        assertEquals(expected, actual, query + " sorted by " + sort + " skip " + skip + " limit " + limit);
                        found += expected.size();
                    }
                }
                for (int change = 0; change < 60; change++) {
                    int id = random.nextInt(420);
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            Bson update = Updates.set("p", random.nextInt(30));
                            ours.updateOne(Filters.eq("_id", id), update);
                            theirs.updateOne(Filters.eq("_id", id), update);
                        }
                        case 1 -> {
                            Bson update = Updates.combine(Updates.set("s", random.nextBoolean() ? "a" : "s"), Updates.set("c", random.nextBoolean()));
                            ours.updateMany(Filters.gt("_id", id), update);
                            theirs.updateMany(Filters.gt("_id", id), update);
                        }
                        case 2 -> {
                            ours.deleteOne(Filters.eq("_id", id));
                            theirs.deleteOne(Filters.eq("_id", id));
                        }
                        default -> {
                            if (ours.countDocuments(Filters.eq("_id", id)) == 0) {
                                Document fresh = randomDocument(id, random);
                                ours.insertOne(fresh);
                                theirs.insertOne(new Document(fresh));
                            }
                        }
                    }
                }
            }
            assertTrue(found > 500, "the queries find something: " + found);
        } finally {
            stock.shutdownNow();
        }
    }

    private static Document randomDocument(int id, Random random) {
        Document document = new Document("_id", id).append("s", random.nextInt(5) == 0 ? "s" : "a");
        int kind = random.nextInt(10);
        if (kind > 0) {
            document.append("c", kind == 1);
        }
        int points = random.nextInt(30);
        switch (random.nextInt(8)) {
            case 0 -> document.append("p", (long) points);
            case 1 -> document.append("p", points + 0.5);
            case 2 -> document.append("p", null);
            case 3 -> document.append("p", "text");
            case 4 -> {
                // no p at all
            }
            default -> document.append("p", points);
        }
        return document.append("t", random.nextInt(40));
    }
}

package io.playerbase.adapters.mongo.connection;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded store answers queries that pin {@code _id} from the {@code _id} index: the answers must be
 * exactly those of stock mongo-java-server, for every shape of query, on both backends.
 */
class IdIndexedBackendsComparisonTest {

    private static final List<Bson> QUERIES = List.of(
            Filters.and(Filters.eq("_id", 5), Filters.eq("v", 2)),
            Filters.and(Filters.eq("_id", 6), Filters.eq("v", 2)),
            new Document("_id", 7).append("v", 1),
            new Document("_id", 7).append("v", 2),
            Filters.and(Filters.in("_id", 1, 2, 3, 4, 99), Filters.gt("v", 0)),
            Filters.and(Filters.eq("_id", 999), Filters.exists("v")),
            Filters.and(Filters.and(Filters.eq("_id", 9), Filters.exists("v")), Filters.eq("v", 0)),
            Filters.and(Filters.eq("_id", 10), Filters.exists("missing", false), Filters.eq("tags", "t1")),
            Filters.and(Filters.eq("v", 1), Filters.eq("_id", 4)),
            Filters.or(Filters.eq("_id", 1), Filters.eq("v", 2)),
            Filters.and(Filters.gt("_id", 40), Filters.eq("v", 1)),
            Filters.and(Filters.eq("_id", 3), Filters.or(Filters.eq("v", 0), Filters.eq("v", 1))),
            Filters.nor(Filters.eq("_id", 1), Filters.eq("v", 2)),
            Filters.and(Filters.ne("_id", 2), Filters.eq("v", 2)),
            Filters.eq("_id", 12));

    @Test
    void queriesPinningTheIdAnswerLikeTheStockServerInMemory() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0)) {
            compareWithStock(server.connectionString());
        }
    }

    @Test
    void queriesPinningTheIdAnswerLikeTheStockServerOnFile(@TempDir Path dataDir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0)) {
            compareWithStock(server.connectionString());
        }
    }

    /** Data directories written before (by the stock H2 backend) are converted at the first start, with their data. */
    @Test
    void aFileWrittenByTheStockBackendOpensUnchanged(@TempDir Path dataDir) {
        String file = dataDir.resolve(H2FileConversion.H2_FILE_NAME).toString();
        H2Backend stockBackend = new H2Backend(file);
        MongoServer stock = new MongoServer(stockBackend);
        stock.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(stock.getConnectionString())) {
            fill(client.getDatabase("db").getCollection("things"));
        } finally {
            stock.shutdownNow();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertEquals(50, things.countDocuments());
            assertEquals(1, things.countDocuments(Filters.and(Filters.eq("_id", 5), Filters.eq("v", 2))));
            things.insertOne(new Document("_id", 51));
            assertEquals(51, things.countDocuments());
            assertThrows(MongoWriteException.class, () -> things.insertOne(new Document("_id", 51)), "the _id index came along");
        }
        assertTrue(Files.exists(dataDir.resolve(H2FileConversion.H2_FILE_NAME + ".converted")), "the old file is kept");
        assertFalse(Files.exists(dataDir.resolve(H2FileConversion.H2_FILE_NAME)));
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertEquals(51, client.getDatabase("db").getCollection("things").countDocuments(), "converted once");
        }
    }

    private static void compareWithStock(String connectionString) {
        MongoServer stock = new MongoServer(new MemoryBackend());
        stock.bind("127.0.0.1", 0);
        try (MongoClient embedded = MongoClients.create(connectionString);
             MongoClient reference = MongoClients.create(stock.getConnectionString())) {
            MongoCollection<Document> ours = embedded.getDatabase("db").getCollection("things");
            MongoCollection<Document> theirs = reference.getDatabase("db").getCollection("things");
            fill(ours);
            fill(theirs);
            boolean someMatch = false;
            for (Bson query : QUERIES) {
                List<Document> expected = find(theirs, query);
                assertEquals(expected, find(ours, query), query.toString());
                assertEquals(theirs.countDocuments(query), ours.countDocuments(query), query.toString());
                someMatch |= !expected.isEmpty();
            }
            assertFalse(!someMatch, "the queries find something");
            for (Bson query : QUERIES) {
                Function<MongoCollection<Document>, Map<String, Long>> update = things -> {
                    var result = things.updateMany(query, Updates.inc("n", 1));
                    return Map.of("matched", result.getMatchedCount(), "modified", result.getModifiedCount());
                };
                assertEquals(update.apply(theirs), update.apply(ours), query.toString());
            }
            assertEquals(find(theirs, new Document()), find(ours, new Document()), "the same documents after the updates");
            Bson delete = Filters.and(Filters.eq("_id", 8), Filters.eq("v", 2));
            assertEquals(theirs.deleteMany(delete).getDeletedCount(), ours.deleteMany(delete).getDeletedCount());
            assertEquals(find(theirs, new Document()), find(ours, new Document()));
        } finally {
            stock.shutdownNow();
        }
    }

    private static void fill(MongoCollection<Document> things) {
        List<Document> documents = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            documents.add(new Document("_id", i).append("v", i % 3).append("tags", List.of("t" + i % 4, "all")));
        }
        things.insertMany(documents);
    }

    private static List<Document> find(MongoCollection<Document> things, Bson query) {
        return things.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}

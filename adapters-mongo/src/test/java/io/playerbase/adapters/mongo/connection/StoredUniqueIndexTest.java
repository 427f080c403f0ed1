package io.playerbase.adapters.mongo.connection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.Utils;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Updates that leave an index's fields alone, and updates that change them, keep unique and ordered indexes right. */
class StoredUniqueIndexTest {

    @Test
    void sameValueOnlyForValuesEqualInTypeAndOrder() {
        assertTrue(StoredUniqueIndex.sameValue("a", new String("a")));
        assertTrue(StoredUniqueIndex.sameValue(null, null));
        assertTrue(StoredUniqueIndex.sameValue(7L, 7L));
        assertFalse(StoredUniqueIndex.sameValue(7, 7L), "another number type: the stock comparison decides");
        assertFalse(StoredUniqueIndex.sameValue(null, "a"));
        assertTrue(StoredUniqueIndex.sameValue(new ArrayList<>(List.of("x")), new ArrayList<>(List.of("x"))));
        assertFalse(StoredUniqueIndex.sameValue(new ArrayList<>(List.of(1)), new ArrayList<>(List.of(1L))));
        assertTrue(StoredUniqueIndex.sameValue(new de.bwaldvogel.mongo.bson.Document("a", 1).append("b", 2),
                new de.bwaldvogel.mongo.bson.Document("a", 1).append("b", 2)));
        assertFalse(StoredUniqueIndex.sameValue(new de.bwaldvogel.mongo.bson.Document("a", 1).append("b", 2),
                new de.bwaldvogel.mongo.bson.Document("b", 2).append("a", 1)), "another field order is another key");
    }

    @Test
    void aPathIsWalkedAsMongoJavaServerWalksIt() {
        de.bwaldvogel.mongo.bson.Document inner = new de.bwaldvogel.mongo.bson.Document("points", 7).append("none", null);
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("name", "n")
                .append("tags", new ArrayList<>(List.of("a", "b")))
                .append("modules", new de.bwaldvogel.mongo.bson.Document("dutch_game", inner).append("flat", 3))
                .append("rows", new ArrayList<>(List.of(new de.bwaldvogel.mongo.bson.Document("k", 1),
                        new de.bwaldvogel.mongo.bson.Document("k", 2), new de.bwaldvogel.mongo.bson.Document("j", 3))))
                .append("nothing", null);
        for (String key : List.of("name", "tags", "modules", "modules.dutch_game.points", "modules.dutch_game.none",
                "modules.dutch_game.absent", "modules.flat.deeper", "modules.absent.deeper", "rows.k", "rows.0.k", "rows.j",
                "tags.1", "nothing", "nothing.deeper", "absent")) {
            assertEquals(Utils.getSubdocumentValueCollectionAware(document, key),
                    StoredUniqueIndex.value(document, key, StoredUniqueIndex.path(key)), key);
        }
    }

    @Test
    void keysStayRightThroughUpdatesThatTouchThemOrNot() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory(0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> users = client.getDatabase("db").getCollection("users");
            users.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            users.createIndex(Indexes.descending("points"));
            for (int i = 1; i <= 4; i++) {
                users.insertOne(new Document("_id", i).append("name", "n" + i).append("points", i * 10).append("other", 0));
            }
            List<Integer> byPoints = users.find(Filters.gte("points", 0)).sort(Sorts.descending("points"))
                    .map(d -> d.getInteger("_id")).into(new ArrayList<>());
            assertEquals(List.of(4, 3, 2, 1), byPoints, "the ordered index is built and serves");

            // Untouched keys: many updates of another field.
            for (int round = 0; round < 3; round++) {
                users.updateMany(Filters.exists("other"), Updates.inc("other", 1));
            }
            assertEquals(MongoWriteException.class, assertThrows(MongoWriteException.class,
                    () -> users.insertOne(new Document("_id", 9).append("name", "n2"))).getClass());
            assertEquals(List.of(4, 3, 2, 1), users.find(Filters.gte("points", 0)).sort(Sorts.descending("points"))
                    .map(d -> d.getInteger("_id")).into(new ArrayList<>()));

            // Changed keys: the old name is free, the new one taken, the order follows the points.
            users.updateOne(Filters.eq("_id", 2), Updates.combine(Updates.set("name", "renamed"), Updates.set("points", 100)));
            users.insertOne(new Document("_id", 5).append("name", "n2").append("points", 1));
            MongoWriteException taken = assertThrows(MongoWriteException.class,
                    () -> users.updateOne(Filters.eq("_id", 1), Updates.set("name", "renamed")));
            assertEquals(ErrorCategory.DUPLICATE_KEY, taken.getError().getCategory());
            assertEquals(List.of(2, 4, 3, 1, 5), users.find(Filters.gte("points", 0)).sort(Sorts.descending("points"))
                    .map(d -> d.getInteger("_id")).into(new ArrayList<>()));

            // The same number as another type is the same key for MongoDB: still taken.
            users.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).sparse(true));
            users.updateOne(Filters.eq("_id", 3), Updates.set("code", 42));
            users.updateOne(Filters.eq("_id", 3), Updates.set("code", 42L));
            assertEquals(ErrorCategory.DUPLICATE_KEY, assertThrows(MongoWriteException.class,
                    () -> users.updateOne(Filters.eq("_id", 4), Updates.set("code", 42.0))).getError().getCategory());
        }
    }
}

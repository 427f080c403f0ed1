package io.playerbase.adapters.mongo.connection;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which queries an {@link OrderedIndex} serves, and that it reads exactly its range, in order. */
class OrderedIndexTest {

    private static final List<IndexKey> BOARD = List.of(new IndexKey("s", true), new IndexKey("c", true),
            new IndexKey("p", false), new IndexKey("_id", true));

    private static Document query(Object... fieldsAndValues) {
        Document query = new Document();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            query.append((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return query;
    }

    private static Document sort(String first, int firstDirection, String second, int secondDirection) {
        return new Document(first, firstDirection).append(second, secondDirection);
    }

    private static OrderedIndex built(List<Document> documents) {
        OrderedIndex index = new OrderedIndex("ix_board", BOARD);
        List<DocumentWithPosition<Integer>> positioned = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            positioned.add(new DocumentWithPosition<>(documents.get(i), i));
        }
        index.build(positioned.stream());
        return index;
    }

    @Test
    void servesEqualitiesOnTheLeadingFieldsARangeOnTheNextAndItsSortEitherWay() {
        OrderedIndex index = built(List.of());
        Document board = query("s", "a", "c", false);
        assertTrue(index.plan(board, sort("p", -1, "_id", 1)).isPresent());
        assertFalse(index.plan(board, sort("p", -1, "_id", 1)).get().reverse());
        assertTrue(index.plan(board, sort("p", 1, "_id", -1)).get().reverse(), "exactly reversed");
        assertTrue(index.plan(query("s", "a", "c", new Document("$eq", false), "p", new Document("$lt", 5)),
                sort("p", -1, "_id", 1)).isPresent());
        assertTrue(index.plan(query("$and", List.of(query("s", "a"), query("c", true), query("p", new Document("$gte", 0)))),
                sort("p", -1, "_id", 1)).isPresent(), "conditions inside a top-level $and count");
    }

    @Test
    void refusesWhatItCannotServeInOrder() {
        OrderedIndex index = built(List.of());
        Document board = query("s", "a", "c", false);
        assertFalse(index.plan(query("s", "a"), sort("p", -1, "_id", 1)).isPresent(), "c is not pinned");
        assertFalse(index.plan(query("s", "a", "c", new Document("$ne", true)), sort("p", -1, "_id", 1)).isPresent());
        assertFalse(index.plan(board, sort("p", -1, "_id", -1)).isPresent(), "mixed directions");
        assertFalse(index.plan(board, sort("_id", 1, "p", -1)).isPresent(), "another order");
        assertFalse(index.plan(board, new Document()).isPresent(), "no sort: the stock path");
        assertFalse(index.plan(board, new Document("p", 1)).isPresent(), "reversed without _id could order ties differently");
    }

    @Test
    void readsTheRangeInIndexOrderAndNothingElse() {
        List<Document> documents = List.of(
                query("_id", 0, "s", "a", "c", false, "p", 5),
                query("_id", 1, "s", "a", "c", false, "p", 9),
                query("_id", 2, "s", "a", "c", true, "p", 7),
                query("_id", 3, "s", "a", "c", false, "p", 5),
                query("_id", 4, "s", "b", "c", false, "p", 6),
                query("_id", 5, "s", "a", "c", false),
                query("_id", 6, "s", "a", "c", false, "p", "text"),
                query("_id", 7, "s", "a", "c", false, "p", 2.5));
        OrderedIndex index = built(documents);
        Document sort = sort("p", -1, "_id", 1);

        assertEquals(List.of(1, 0, 3, 7), positions(index, query("s", "a", "c", false, "p", new Document("$gte", 0)), sort),
                "numbers only, highest first, ties by _id");
        assertEquals(List.of(0, 3, 7), positions(index, query("s", "a", "c", false, "p", new Document("$lt", 9)), sort));
        assertEquals(List.of(7), positions(index, query("s", "a", "c", false, "p", new Document("$lt", 5)), sort),
                "an exclusive bound skips the whole tie group");
        assertEquals(List.of(7, 3, 0, 1), positions(index, query("s", "a", "c", false, "p", new Document("$gte", 0)),
                sort("p", 1, "_id", -1)));
        assertEquals(List.of(), positions(index, query("s", "a", "c", false, "p", new Document("$gt", 9).append("$lt", 2)), sort));

        index.updateInPlace(documents.get(7), query("_id", 7, "s", "a", "c", false, "p", 11), 7, null);
        index.delete(1);
        assertEquals(List.of(7, 0, 3), positions(index, query("s", "a", "c", false, "p", new Document("$gte", 0)), sort));
    }

    @Test
    void aQueryPinningMoreFieldsIsBoundTighter() {
        OrderedIndex board = built(List.of());
        OrderedIndex byStatus = new OrderedIndex("ix_status", List.of(new IndexKey("s", true), new IndexKey("_id", false)));
        Document tie = query("s", "a", "c", false, "p", 5, "_id", new Document("$gt", 3));
        Document sortById = new Document("_id", 1);
        assertTrue(board.plan(tie, sortById).get().tightness() > byStatus.plan(tie, sortById).get().tightness(),
                "status, kind and value pinned beat status alone");
    }

    @Test
    void anArrayValueRetiresTheIndex() {
        OrderedIndex index = built(List.of(query("_id", 0, "s", "a", "c", false, "p", List.of(1, 2))));
        assertFalse(index.usable());
        assertFalse(index.candidate());
        assertFalse(index.plan(query("s", "a", "c", false), sort("p", -1, "_id", 1)).isPresent());
    }

    private static List<Integer> positions(OrderedIndex index, Document query, Document sort) {
        Stream<Integer> positions = index.positions(index.plan(query, sort).orElseThrow());
        return positions.toList();
    }
}

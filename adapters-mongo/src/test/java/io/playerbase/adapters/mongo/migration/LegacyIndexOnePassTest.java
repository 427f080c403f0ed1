package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V0040 indexes both fields of a user in one write; it must leave what the per-field passes it was first
 * written as leave ({@link V0040PerFieldReference}), keep a collision group whole across a crashed run,
 * and still give the placeholder to a value taken concurrently.
 */
class LegacyIndexOnePassTest {

    private static final int USERS = 700;

    private final FakeFieldCipher cipher = new FakeFieldCipher();
    private final FakeBlindIndex blindIndex = new FakeBlindIndex();

    @Test
    void bothFieldsInOneWriteLeaveWhatThePerFieldPassesLeave() {
        MongoDatabase onePass = legacyDatabase();
        MongoDatabase perField = legacyDatabase();
        List<String> before = json(onePass);

        new V0040_IndexLegacyUsers(onePass, blindIndex, cipher, LegacyCipher.NONE).execute();
        new V0040PerFieldReference(perField, blindIndex, cipher, LegacyCipher.NONE).execute();

        assertEquals(json(perField), json(onePass), "the same entries and placeholders, fields in the same order");
        assertNotEquals(before, json(onePass));
        assertTrue(onePass.getCollection("users").countDocuments(Filters.regex("email_bidx", "^unindexed:")) > USERS / 50);
    }

    @Test
    void aCollisionGroupSplitByACrashedRunStaysUnindexedWhole() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        MongoCollection<Document> users = database.getCollection("users");
        ObjectId first = new ObjectId();
        ObjectId second = new ObjectId();
        // The state a run that stopped between the two writes of a group leaves.
        users.insertOne(new Document("_id", first).append("username", "ann").append("email", "ann@example.com")
                .append("email_bidx", V0040_IndexLegacyUsers.UNINDEXED + first.toHexString())
                .append("username_bidx", blindIndex.entries("username", "ann")));
        users.insertOne(new Document("_id", second).append("username", "ann2").append("email", " ANN@example.com"));

        new V0040_IndexLegacyUsers(database, blindIndex, cipher, LegacyCipher.NONE).execute();

        Document after = users.find(Filters.eq("_id", second)).first();
        assertEquals(V0040_IndexLegacyUsers.UNINDEXED + second.toHexString(), after.get("email_bidx"));
        assertEquals(blindIndex.entries("username", "ann2"), after.get("username_bidx"));
    }

    @Test
    void aValueTakenConcurrentlyGetsThePlaceholderAndTheOtherFieldItsEntries() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        MongoCollection<Document> users = database.getCollection("users");
        users.createIndex(new Document("email_bidx", 1), new IndexOptions().unique(true));
        users.createIndex(new Document("username_bidx", 1), new IndexOptions().unique(true));
        ObjectId legacy = new ObjectId();
        users.insertOne(new Document("_id", legacy).append("username", "bob").append("email", "bob@example.com"));
        AtomicBoolean registered = new AtomicBoolean();
        // An older instance registers bob@example.com between V0040's read and its write.
        BlindIndex racing = new BlindIndex() {
            @Override
            public String of(String purpose, String value) {
                return blindIndex.of(purpose, value);
            }

            @Override
            public List<String> entries(String purpose, String value) {
                if (purpose.equals("email") && registered.compareAndSet(false, true)) {
                    users.insertOne(new Document("username", "bobby").append("email_bidx", blindIndex.entries("email", value))
                            .append("username_bidx", blindIndex.entries("username", "bobby")));
                }
                return blindIndex.entries(purpose, value);
            }

            @Override
            public List<String> lookups(String purpose, String value) {
                return blindIndex.lookups(purpose, value);
            }
        };

        new V0040_IndexLegacyUsers(database, racing, cipher, LegacyCipher.NONE).execute();

        Document after = users.find(Filters.eq("_id", legacy)).first();
        assertEquals(V0040_IndexLegacyUsers.UNINDEXED + legacy.toHexString(), after.get("email_bidx"));
        assertEquals(blindIndex.entries("username", "bob"), after.get("username_bidx"));
    }

    private MongoDatabase legacyDatabase() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        new LegacyDatabaseGenerator(17).write(database, USERS);
        MongoCollection<Document> users = database.getCollection("users");
        users.insertMany(List.of(
                user(1).append("email", null),
                user(2).append("email", 42),
                user(3).append("email", "   "),
                user(4).append("email", cipher.encrypt("x@example.com", new FieldCipher.FieldContext(
                        "users", "x", "email"))),
                user(5).append("email", "gAAAAABrAkcVpxBlzn6rrE5lCpqqjOjZ6uH90WLrA0EoeQt7MqE88xNXMLN5z773dbgrxodvcAflG1LnnuXjK3ljF1LxIINMhQ=="),
                // A Playerbase user (indexed) and a legacy user with the same email in another case.
                user(6).append("email", "ada@example.com").append("email_bidx", blindIndex.entries("email", "ada@example.com"))
                        .append("username_bidx", blindIndex.entries("username", "odd6")),
                user(7).append("email", "ADA@example.com"),
                // Half indexed: only the username is missing.
                user(8).append("email", "eve@example.com").append("email_bidx", blindIndex.entries("email", "eve@example.com")),
                new Document("_id", new ObjectId(String.format("5f%022x", 9))).append("email", "nousername@example.com"),
                user(10).append("email", "Player5@example.com ")));
        return database;
    }

    private static Document user(int n) {
        return new Document("_id", new ObjectId(String.format("5f%022x", n))).append("username", "odd" + n);
    }

    private static List<String> json(MongoDatabase database) {
        List<String> all = new ArrayList<>();
        for (Document document : database.getCollection("users").find().sort(Sorts.ascending("_id"))) {
            all.add(document.toJson());
        }
        return all;
    }
}

package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.testing.FakeFieldCipher;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V0041 writes each user once ({@code userByUser}); it must leave exactly what the field-by-field steps it
 * was first written as leave ({@code executeFieldByField}), on generated legacy users and on odd shapes,
 * and a user changed between its read and its write must be neither overwritten nor forgotten.
 */
class LegacyBackfillOnePassTest {

    private static final int USERS = 700;
    private static final ObjectId CHANGED = new ObjectId("5f0000000000000000000001");

    private final FakeFieldCipher cipher = new FakeFieldCipher();

    @Test
    void oneWritePerUserLeavesWhatTheFieldByFieldStepsLeave() {
        // Each way alone: the one pass must not lean on the field-by-field completion.
        MongoDatabase onePass = legacyDatabase();
        MongoDatabase fieldByField = legacyDatabase();
        Map<Object, Document> before = snapshot(onePass.getCollection("users"));

        assertEquals(0, new V0041_BackfillLegacyUsers(onePass, cipher).executeUserByUser(), "every user written in one pass");
        new V0041_BackfillLegacyUsers(fieldByField, cipher).executeFieldByField();

        Map<Object, Document> after = snapshot(onePass.getCollection("users"));
        assertEquals(snapshot(fieldByField.getCollection("users")), after);
        assertEquals(json(fieldByField), json(onePass), "the same fields in the same order");
        assertEquals(registry(fieldByField), registry(onePass));
        assertNotEquals(before, after, "the unit did something");
    }

    @Test
    void aModuleThatIsNotADocumentFailsTheUnitBothWays() {
        MongoDatabase onePass = legacyDatabase();
        MongoDatabase fieldByField = legacyDatabase();
        for (MongoDatabase database : List.of(onePass, fieldByField)) {
            database.getCollection("users").insertOne(user(9).append("modules", new Document("referrals", "none")));
        }

        assertThrows(MongoException.class, () -> new V0041_BackfillLegacyUsers(onePass, cipher).execute());
        assertThrows(MongoException.class, () -> new V0041_BackfillLegacyUsers(fieldByField, cipher).executeFieldByField());
        assertEquals("none", onePass.getCollection("users").find(Filters.eq("_id", user(9).get("_id"))).first()
                .get("modules", Document.class).get("referrals"));
    }

    @Test
    void aUserChangedBetweenItsReadAndItsWriteIsNotOverwrittenAndIsCompletedFieldByField() {
        MongoDatabase database = legacyDatabase();
        MongoDatabase reference = legacyDatabase();
        Bson changed = Filters.eq("_id", CHANGED);
        // A concurrent writer, at the moment the pass encrypts this user's balance (after reading the user).
        AtomicBoolean done = new AtomicBoolean();
        FieldCipher concurrent = new DelegatingCipher(cipher) {
            @Override
            public String encrypt(String plaintext, FieldContext context) {
                if (context.documentId().equals(CHANGED.toHexString()) && done.compareAndSet(false, true)) {
                    change(database.getCollection("users"));
                }
                return super.encrypt(plaintext, context);
            }
        };

        new V0041_BackfillLegacyUsers(database, concurrent).execute();
        change(reference.getCollection("users"));
        new V0041_BackfillLegacyUsers(reference, cipher).executeFieldByField();

        assertTrue(done.get());
        Document user = database.getCollection("users").find(changed).first();
        assertEquals(true, user.get("modules", Document.class).get("subscription", Document.class).get("auto_renew"),
                "the concurrent value is kept");
        assertEquals(snapshot(reference.getCollection("users")), snapshot(database.getCollection("users")));
    }

    private static void change(MongoCollection<Document> users) {
        users.updateOne(Filters.eq("_id", CHANGED), Updates.set("modules.subscription.auto_renew", true));
    }

    private MongoDatabase legacyDatabase() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        new LegacyDatabaseGenerator(13).write(database, USERS);
        new V0002_AddModuleRegistry(database).execute();
        MongoCollection<Document> users = database.getCollection("users");
        users.insertMany(List.of(
                user(1).append("modules", new Document("wallet", new Document("credit_balance", 40))
                        .append("subscription", new Document("plan", null))),
                user(2),
                user(3).append("modules", new Document("wallet", new Document("credit_balance", null))),
                user(4).append("modules", new Document("wallet", new Document("credit_balance", "a lot"))),
                user(5).append("modules", new Document("wallet", new Document("credit_balance", 10L).append("balance", "kept"))),
                user(6).append("status", "suspended").append("roles", List.of("admin")).append("is_comp_player", true)
                        .append("modules", new Document("wallet", new Document()).append("legacy_extra", new Document("x", 1))),
                user(7).append("modules", new Document("wallet", new Document("credit_balance",
                        "gAAAAABrAkcVpxBlzn6rrE5lCpqqjOjZ6uH90WLrA0EoeQt7MqE88xNXMLN5z773dbgrxodvcAflG1LnnuXjK3ljF1LxIINMhQ=="))),
                user(8).append("modules", new Document("wallet", new Document("credit_balance",
                        new Decimal128(new BigDecimal("75.00"))).append("currency", "credits")))));
        return database;
    }

    private static Document user(int n) {
        return new Document("_id", new ObjectId(String.format("5f%022x", n))).append("username", "odd" + n)
                .append("email", "odd" + n + "@example.com");
    }

    /** The registry by module name (its ids and creation times differ between two databases). */
    private static Map<String, Object> registry(MongoDatabase database) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Document entry : database.getCollection("user_modules").find().sort(Sorts.ascending("module_name"))) {
            defaults.put(entry.getString("module_name"), entry.get("default_document"));
        }
        return defaults;
    }

    private static List<String> json(MongoDatabase database) {
        return snapshot(database.getCollection("users")).values().stream().map(Document::toJson).toList();
    }

    private static Map<Object, Document> snapshot(MongoCollection<Document> collection) {
        Map<Object, Document> all = new LinkedHashMap<>();
        for (Document document : collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())) {
            all.put(document.get("_id"), document);
        }
        return all;
    }

    private static class DelegatingCipher implements FieldCipher {
        private final FieldCipher delegate;

        DelegatingCipher(FieldCipher delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encrypt(String plaintext, FieldContext context) {
            return delegate.encrypt(plaintext, context);
        }

        @Override
        public String decrypt(String stored, FieldContext context) {
            return delegate.decrypt(stored, context);
        }

        @Override
        public boolean isCiphertext(String stored) {
            return delegate.isCiphertext(stored);
        }

        @Override
        public boolean needsReencryption(String stored) {
            return delegate.needsReencryption(stored);
        }

        @Override
        public String currentKeyId() {
            return delegate.currentKeyId();
        }
    }
}

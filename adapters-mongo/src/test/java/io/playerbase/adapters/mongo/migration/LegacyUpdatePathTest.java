package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.legacy.LegacyDatabaseGenerator;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The update path on databases written by {@link LegacyDatabaseGenerator}: before/after comparison of
 * every value, idempotence, and a crash half way followed by a restart.
 */
class LegacyUpdatePathTest {

    private static final Set<String> MODULES = Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game");
    private static final int USERS = 600;

    private final FakeFieldCipher cipher = new FakeFieldCipher();
    private final FakeBlindIndex blindIndex = new FakeBlindIndex();

    @Test
    void upgradesALegacyDatabaseKeepingEveryValue() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        LegacyDatabaseGenerator.Written written = new LegacyDatabaseGenerator(7).write(database, USERS);
        Map<Object, Document> usersBefore = snapshot(database.getCollection("users"));
        Map<Object, Document> registryBefore = snapshot(database.getCollection("user_modules"));
        Map<Object, Document> auditBefore = snapshot(database.getCollection("user_audit_logs"));

        MigrationStatus status = TestMigrations.migrate(EmbeddedMongo.client(), database.getName(), true);

        assertTrue(status.upToDate(), status.toString());
        Map<Object, Document> usersAfter = snapshot(database.getCollection("users"));
        assertEquals(USERS + 5, usersAfter.size(), "the legacy users and the five computer players");
        assertEquals(auditBefore, snapshot(database.getCollection("user_audit_logs")), "old audit entries untouched");
        int unindexed = 0;
        int unmappedBalances = 0;
        for (Document before : usersBefore.values()) {
            Document after = usersAfter.get(before.get("_id"));
            String id = before.getObjectId("_id").toHexString();
            assertPreserved(id, "", before, after);
            assertEquals(MODULES, after.get("modules", Document.class).keySet(), id);
            assertEquals(false, after.get("is_comp_player"));
            Object original = before.get("modules", Document.class).get("wallet", Document.class).get("credit_balance");
            Long credits = V0041_BackfillLegacyUsers.wholeCredits(original);
            Object balance = after.get("modules", Document.class).get("wallet", Document.class).get("balance");
            if (credits == null) {
                unmappedBalances++;
                assertNull(balance, id);
            } else {
                assertEquals("n:" + credits, cipher.decrypt((String) balance, new FieldContext("users", id, "modules.wallet.balance")));
            }
            Object emailIndex = after.get("email_bidx");
            if (emailIndex instanceof String placeholder) {
                unindexed++;
                assertEquals(V0040_IndexLegacyUsers.UNINDEXED + id, placeholder);
            } else {
                assertEquals(blindIndex.entries("email", before.getString("email")), emailIndex);
            }
            assertEquals(blindIndex.entries("username", before.getString("username")), after.get("username_bidx"));
        }
        assertEquals(written.duplicateEmailUsers(), unindexed, "exactly the users whose emails collide stay unindexed");
        assertTrue(unmappedBalances > 0, "the generator writes fractional balances");
        assertEquals(5, database.getCollection("users").countDocuments(Filters.eq("is_comp_player", true)));

        Map<Object, Document> registryAfter = snapshot(database.getCollection("user_modules"));
        assertEquals(5, registryAfter.size());
        for (Document before : registryBefore.values()) {
            Document after = registryAfter.get(before.get("_id"));
            assertPreserved("registry", "", before, after);
            assertNotNull(after.get("default_document"), before.getString("module_name"));
        }
        Document legacy = usersAfter.get(usersBefore.keySet().iterator().next());
        assertEquals(LegacyDatabaseGenerator.BCRYPT_HASH, legacy.getString("password"), "the old hash stays for the login to verify");
    }

    @Test
    void aSecondRunChangesNothing() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        new LegacyDatabaseGenerator(11).write(database, USERS);
        TestMigrations.migrate(EmbeddedMongo.client(), database.getName(), true);
        Map<Object, Document> once = snapshot(database.getCollection("users"));
        Map<Object, Document> registry = snapshot(database.getCollection("user_modules"));

        // Mongock would skip applied units: run them by hand again, then the runner.
        new V0040_IndexLegacyUsers(database, blindIndex, cipher, LegacyCipher.NONE).execute();
        new V0041_BackfillLegacyUsers(database, cipher).execute();
        TestMigrations.migrate(EmbeddedMongo.client(), database.getName(), true);

        assertEquals(once, snapshot(database.getCollection("users")));
        assertEquals(registry, snapshot(database.getCollection("user_modules")));
    }

    @Test
    void aCrashHalfWayIsFinishedByTheNextRun() {
        int users = 2500;
        MongoDatabase reference = EmbeddedMongo.freshDatabase();
        new LegacyDatabaseGenerator(3).write(reference, users);
        TestMigrations.migrate(EmbeddedMongo.client(), reference.getName(), true);

        MongoDatabase crashed = EmbeddedMongo.freshDatabase();
        new LegacyDatabaseGenerator(3).write(crashed, users);
        // Fails after the computer players and 1500 legacy balances: the first bulk write of V0041 is stored.
        FieldCipher failing = new FailingCipher(cipher, 10 + 2 * 1500);
        MigrationRunner crashing = new MigrationRunner(EmbeddedMongo.client(),
                new MongoStoreInfo(true, crashed.getName(), "test store"), failing, blindIndex, new FakePasswordHasher(),
                new MigrationSettings(TestMigrations.COMP_PLAYER_PASSWORD, TestMigrations.AUDIT_RETENTION_DAYS, true), LegacyCipher.NONE);
        assertThrows(IllegalStateException.class, crashing::migrate);
        assertTrue(crashing.status().pending().contains("V0041_BackfillLegacyUsers"));
        long halfWay = crashed.getCollection("users").countDocuments(Filters.exists("modules.wallet.balance", true));
        assertTrue(halfWay > 5 && halfWay < reference.getCollection("users").countDocuments(Filters.exists("modules.wallet.balance", true)),
                "the crash left part of the balances mapped: " + halfWay);

        MigrationStatus restarted = TestMigrations.migrate(EmbeddedMongo.client(), crashed.getName(), true);

        assertTrue(restarted.upToDate());
        Map<Object, Document> expected = legacyOnly(snapshot(reference.getCollection("users")));
        assertEquals(users, expected.size());
        assertEquals(expected, legacyOnly(snapshot(crashed.getCollection("users"))));
    }

    @Test
    void aLegacyEmailTakenByAnIndexedUserStaysUnindexedAndTheIndexedUserUntouched() {
        MongoDatabase database = EmbeddedMongo.freshDatabase();
        MongoCollection<Document> users = database.getCollection("users");
        ObjectId indexedId = new ObjectId();
        Document indexed = new Document("_id", indexedId).append("username", "ann")
                .append("email_bidx", blindIndex.entries("email", "ann@example.com"))
                .append("username_bidx", blindIndex.entries("username", "ann"));
        users.insertOne(indexed);
        ObjectId legacyId = new ObjectId();
        users.insertOne(new Document("_id", legacyId).append("username", "ann2").append("email", " ANN@example.com"));

        new V0040_IndexLegacyUsers(database, blindIndex, cipher, LegacyCipher.NONE).execute();

        assertEquals(indexed, users.find(Filters.eq("_id", indexedId)).first());
        Document legacy = users.find(Filters.eq("_id", legacyId)).first();
        assertEquals(V0040_IndexLegacyUsers.UNINDEXED + legacyId.toHexString(), legacy.get("email_bidx"));
        assertEquals(blindIndex.entries("username", "ann2"), legacy.get("username_bidx"));
        assertEquals(" ANN@example.com", legacy.get("email"));
    }

    /** Every field of {@code before} is in {@code after} with the same value; only the credit balance is encrypted. */
    private void assertPreserved(String id, String path, Document before, Document after) {
        assertNotNull(after, id + " " + path);
        for (Map.Entry<String, Object> field : before.entrySet()) {
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            assertTrue(after.containsKey(field.getKey()), id + " lost " + fieldPath);
            Object value = after.get(field.getKey());
            if (V0041_BackfillLegacyUsers.CREDIT_BALANCE.equals(fieldPath) && field.getValue() != null) {
                assertEquals("s:" + V0041_BackfillLegacyUsers.text(field.getValue()),
                        cipher.decrypt((String) value, new FieldContext("users", id, fieldPath)), id);
                assertFalse(String.valueOf(value).contains(String.valueOf(field.getValue())));
            } else if (field.getValue() instanceof Document nested) {
                assertPreserved(id, fieldPath, nested, (Document) value);
            } else {
                assertEquals(field.getValue(), value, id + " changed " + fieldPath);
            }
        }
    }

    /**
     * The legacy users, without the referral codes V0080 gives accounts that had none: random by design
     * (the codes the old system left are kept, and compared).
     */
    private static Map<Object, Document> legacyOnly(Map<Object, Document> users) {
        Map<Object, Document> legacy = new LinkedHashMap<>(users);
        legacy.values().removeIf(user -> Boolean.TRUE.equals(user.get("is_comp_player")));
        for (Document user : legacy.values()) {
            Document referrals = user.get("modules", Document.class).get("referrals", Document.class);
            if (referrals != null && referrals.get("referral_code") instanceof String code && !code.startsWith("REF")) {
                referrals.put("referral_code", "<new>");
            }
        }
        return legacy;
    }

    private static Map<Object, Document> snapshot(MongoCollection<Document> collection) {
        Map<Object, Document> all = new LinkedHashMap<>();
        for (Document document : collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())) {
            all.put(document.get("_id"), document);
        }
        return all;
    }

    /** The fake cipher, failing from the n-th encryption on: a crash of the process half way. */
    private static final class FailingCipher implements FieldCipher {
        private final FieldCipher delegate;
        private final AtomicInteger left;

        FailingCipher(FieldCipher delegate, int encryptions) {
            this.delegate = delegate;
            this.left = new AtomicInteger(encryptions);
        }

        @Override
        public String encrypt(String plaintext, FieldContext context) {
            if (left.decrementAndGet() < 0) {
                throw new IllegalStateException("injected crash");
            }
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

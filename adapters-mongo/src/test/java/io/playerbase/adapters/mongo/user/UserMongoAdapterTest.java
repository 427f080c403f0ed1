package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.adapters.mongo.audit.AuditLogStore;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserRepositoryContract;
import io.playerbase.domain.user.UserStatus;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link UserMongoAdapter}: the port's contract, and what only the stored documents show: encryption
 * and blind indexes, module data beside the account, the audit outbox, legacy documents, erasure.
 */
abstract class UserMongoAdapterTest extends UserRepositoryContract {

    private ApplicationContext context;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected UserRepository createUsers() {
        context = target().startAdapters();
        raw = context.getBean(MongoDatabase.class).getCollection("users");
        return context.getBean(UserRepository.class);
    }

    @Override
    protected List<ModuleDefinition> activeModules() {
        return context.getBean(ModuleRegistry.class).activeModules();
    }

    @Override
    protected void closeUsers() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private Document rawUser(UserId id) {
        return raw.find(Filters.eq("_id", new ObjectId(id.value()))).first();
    }

    @Test
    void registryHasTheFiveModulesAndNewUsersCarryThem() {
        User user = newUser("ann");
        assertEquals(Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game"), user.modules().keySet());
        users.insert(user, audit(user, "user.registered"));
        User stored = users.findById(user.id()).orElseThrow();
        assertEquals(0L, stored.modules().get("wallet").get("balance"), "sensitive module values decrypt to their type");
        assertEquals(100, ((Number) stored.modules().get("dutch_game").get("coins")).intValue());
        assertEquals(1L, stored.version());
    }

    @Test
    void sensitiveValuesNeverReachTheDatabaseInClear() {
        User user = newUser("cid");
        user.changeProfile(null, "+33 612345678", "10 Downing Street", NOW);
        users.insert(user, audit(user, "user.registered"));
        String json = rawUser(user.id()).toJson();
        assertFalse(json.contains("cid@Example.com"), json);
        assertFalse(json.contains("612345678"), json);
        assertFalse(json.contains("Downing"), json);
        Document stored = rawUser(user.id());
        assertTrue(stored.getString("email").startsWith("fakedek:"), "personal fields under the user's data key");
        assertEquals(List.of(new FakeBlindIndex().of("email", "cid@example.com")), stored.getList("email_bidx", String.class));
        assertTrue(String.valueOf(((Document) ((Document) stored.get("modules")).get("wallet")).get("balance")).startsWith("fake1:"),
                "financial values under the service key");
        assertEquals(1, context.getBean(MongoDatabase.class).getCollection("user_keys")
                .countDocuments(Filters.eq("_id", new ObjectId(user.id().value()))));
    }

    @Test
    void anAccountUpdateNeverOverwritesModuleData() {
        User user = newUser("fay");
        users.insert(user, audit(user, "user.registered"));
        User loaded = users.findById(user.id()).orElseThrow();
        // Another module changes its data after the account was read.
        raw.updateOne(Filters.eq("_id", new ObjectId(user.id().value())), Updates.set("modules.dutch_game.wins", 7));
        loaded.changeProfile(new Username("faye"), null, null, NOW);
        users.update(loaded, audit(loaded, "user.profile_updated"));
        User after = users.findById(user.id()).orElseThrow();
        assertEquals("faye", after.username().value());
        assertEquals(7, ((Number) after.modules().get("dutch_game").get("wins")).intValue());
    }

    @Test
    void everyWriteLandsInTheAuditLogOnceAndLeavesNothingPending() {
        User user = newUser("ida");
        users.insert(user, audit(user, "user.registered"));
        User loaded = users.findById(user.id()).orElseThrow();
        loaded.changeProfile(null, "333333", null, NOW);
        users.update(loaded, audit(loaded, "user.profile_updated"));
        List<AuditEntry> log = context.getBean(AuditLogStore.class).forUser(user.id(), 10);
        assertEquals(Set.of("user.registered", "user.profile_updated"), Set.copyOf(log.stream().map(AuditEntry::action).toList()));
        assertEquals(2, log.size());
        assertTrue(rawUser(user.id()).getList(AuditOutbox.FIELD, Document.class).isEmpty());
    }

    @Test
    void entriesLeftPendingByACrashAreDeliveredOnceByRecovery() {
        User user = newUser("jon");
        users.insert(user, audit(user, "user.registered"));
        // A crash after the user write and before delivery leaves the entry in the outbox.
        AuditEntry stranded = audit(user, "user.profile_updated");
        raw.updateOne(Filters.eq("_id", new ObjectId(user.id().value())), Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(stranded)));
        AuditOutbox outbox = context.getBean(AuditOutbox.class);
        assertEquals(1, outbox.recover());
        // A crash after the copy but before the pull: the entry is pending again although already logged.
        raw.updateOne(Filters.eq("_id", new ObjectId(user.id().value())), Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(stranded)));
        assertEquals(1, outbox.recover());
        assertEquals(0, outbox.recover());
        List<AuditEntry> log = context.getBean(AuditLogStore.class).forUser(user.id(), 10);
        assertEquals(1, log.stream().filter(entry -> entry.id().equals(stranded.id())).count());
        assertEquals(stranded, log.stream().filter(entry -> entry.id().equals(stranded.id())).findFirst().orElseThrow());
    }

    @Test
    void legacyDocumentsAreReadAndEncryptedOnTheNextWrite() {
        ObjectId id = new ObjectId();
        raw.insertOne(new Document("_id", id)
                .append("email", "Old.Timer@example.com")
                .append("email_bidx", new FakeBlindIndex().of("email", "Old.Timer@example.com"))
                .append("username", "oldtimer")
                .append("username_bidx", new FakeBlindIndex().of("username", "oldtimer"))
                .append("password", "$2b$12$legacybcrypthashvalue")
                .append("phone", "555-0100")
                .append("created_at", Date.from(NOW))
                .append("modules", new Document("wallet", new Document("balance", 42L))));
        User legacy = users.findById(new UserId(id.toHexString())).orElseThrow();
        assertEquals("Old.Timer@example.com", legacy.email().value());
        assertEquals("$2b$12$legacybcrypthashvalue", legacy.passwordHash());
        assertEquals(UserStatus.ACTIVE, legacy.status());
        assertEquals(0L, legacy.version());
        assertEquals(42L, legacy.modules().get("wallet").get("balance"), "legacy plaintext module value read as is");

        legacy.changeProfile(null, "555-0199", null, NOW);
        users.update(legacy, audit(legacy, "user.profile_updated"));
        Document stored = rawUser(legacy.id());
        assertTrue(stored.getString("email").startsWith("fakedek:"), "email encrypted on the next write");
        assertTrue(stored.getString("phone").startsWith("fakedek:"));
        assertEquals(1L, stored.getLong("version"));
    }

    @Test
    void erasureReleasesTheIndexesDestroysTheDataKeyAndKeepsModuleData() {
        User user = newUser("kim");
        user.changeProfile(null, "+1 555 0100", "1 Main St", NOW);
        users.insert(user, audit(user, "user.registered"));
        raw.updateOne(Filters.eq("_id", new ObjectId(user.id().value())), Updates.set("modules.dutch_game.wins", 3));
        String emailCiphertext = rawUser(user.id()).getString("email");

        User loaded = users.findById(user.id()).orElseThrow();
        loaded.erase(NOW);
        users.erase(loaded, audit(loaded, "user.erased"));

        Document stored = rawUser(user.id());
        assertEquals("deleted", stored.getString("status"));
        assertEquals(emailCiphertext, stored.getString("email"), "the ciphertext stays, unreadable");
        assertFalse(stored.containsKey("phone"));
        assertFalse(stored.containsKey("address"));
        assertEquals(true, stored.getBoolean("data_key_destroyed"));
        assertEquals(0, context.getBean(MongoDatabase.class).getCollection("user_keys")
                .countDocuments(Filters.eq("_id", new ObjectId(user.id().value()))));
        assertTrue(users.findByEmail(new Email("kim@example.com")).isEmpty());
        assertTrue(users.findByUsername(new Username("kim")).isEmpty());
        User erased = users.findById(user.id()).orElseThrow();
        assertEquals(UserStatus.DELETED, erased.status());
        assertTrue(erased.username().value().startsWith("deleted-"));
        assertEquals(3, ((Number) erased.modules().get("dutch_game").get("wins")).intValue(), "statistics kept");

        User again = newUser("kim");
        users.insert(again, audit(again, "user.registered"));
        assertEquals(again.id(), users.findByEmail(new Email("KIM@example.com")).orElseThrow().id());
    }

    @Test
    void anErasureInterruptedBeforeTheKeyWasDestroyedIsCompletedByRecovery() {
        User user = newUser("lou");
        users.insert(user, audit(user, "user.registered"));
        // State after a crash between the erasure update and the key deletion:
        raw.updateOne(Filters.eq("_id", new ObjectId(user.id().value())), Updates.combine(
                Updates.set("status", "deleted"), Updates.set("data_key_destroyed", false)));
        UserMongoAdapter adapter = context.getBean(UserMongoAdapter.class);
        assertEquals(1, adapter.completePendingErasures());
        assertEquals(0, adapter.completePendingErasures());
        assertEquals(0, context.getBean(MongoDatabase.class).getCollection("user_keys")
                .countDocuments(Filters.eq("_id", new ObjectId(user.id().value()))));
    }

    @Test
    void aRefusedInsertLeavesNoDataKeyAndAnAcceptedOneLeavesAnOrdinaryKey() {
        MongoCollection<Document> keys = context.getBean(MongoDatabase.class).getCollection("user_keys");
        User first = newUser("gus");
        users.insert(first, audit(first, "user.registered"));
        long keysBefore = keys.countDocuments();
        for (User refused : List.of(
                User.register(UserId.newId(NOW), new Email("GUS@example.com"), new Username("other"), "$h", false, List.of(), NOW),
                User.register(UserId.newId(NOW), new Email("y@example.com"), new Username("Gus"), "$h", false, List.of(), NOW))) {
            assertThrows(Conflict.class, () -> users.insert(refused, audit(refused, "user.registered")));
            assertEquals(0, keys.countDocuments(Filters.eq("_id", new ObjectId(refused.id().value()))), "no orphan key");
        }
        assertEquals(keysBefore, keys.countDocuments());
        Document key = keys.find(Filters.eq("_id", new ObjectId(first.id().value()))).first();
        assertFalse(key.containsKey("pending"), "the key of a stored user is settled: " + key.toJson());
    }

    @Test
    void theRecoveryPassSettlesPendingKeysByWhetherTheirUserExists() {
        MongoCollection<Document> keys = context.getBean(MongoDatabase.class).getCollection("user_keys");
        UserMongoAdapter adapter = context.getBean(UserMongoAdapter.class);
        User stored = newUser("hal");
        users.insert(stored, audit(stored, "user.registered"));
        Date old = Date.from(Instant.now().minus(Duration.ofHours(1)));
        // A crash after the user's insert but before its key was confirmed…
        keys.updateOne(Filters.eq("_id", new ObjectId(stored.id().value())),
                Updates.combine(Updates.set("pending", true), Updates.set("created_at", old)));
        // …and one before the insert (or after an insert that failed): the key of a user that never appeared.
        ObjectId orphan = new ObjectId(UserId.newId(NOW).value());
        keys.insertOne(new Document("_id", orphan).append("wrapped_key", "w").append("created_at", old).append("pending", true));
        // An insert still running: too young to judge.
        ObjectId running = new ObjectId(UserId.newId(NOW).value());
        keys.insertOne(new Document("_id", running).append("wrapped_key", "w").append("created_at", new Date()).append("pending", true));

        assertEquals(2, adapter.settlePendingKeys());

        Document kept = keys.find(Filters.eq("_id", new ObjectId(stored.id().value()))).first();
        assertFalse(kept.containsKey("pending"), kept.toJson());
        assertEquals(stored.phone(), users.findById(stored.id()).orElseThrow().phone());
        assertEquals(0, keys.countDocuments(Filters.eq("_id", orphan)));
        assertEquals(1, keys.countDocuments(Filters.and(Filters.eq("_id", running), Filters.eq("pending", true))));
        assertEquals(0, adapter.settlePendingKeys(), "settled keys are left alone");
    }
}

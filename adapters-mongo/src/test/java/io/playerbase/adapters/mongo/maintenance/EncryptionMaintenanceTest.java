package io.playerbase.adapters.mongo.maintenance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakePersonalDataKeys;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The re-encryption pass on the embedded store, with the domain's fake ciphers. */
class EncryptionMaintenanceTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ApplicationContext context;
    private EncryptionMaintenance maintenance;
    private MongoCollection<Document> users;
    private MongoCollection<Document> keys;

    @BeforeEach
    void start() {
        context = ApplicationContext.builder()
                .properties(Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0,
                        "playerbase.crypto.reencryption-batch-size", 2))
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new FakePersonalDataKeys(),
                        meters)
                .start();
        maintenance = context.getBean(EncryptionMaintenance.class);
        MongoDatabase database = context.getBean(MongoDatabase.class);
        users = database.getCollection("users");
        keys = database.getCollection("user_keys");
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private ObjectId insertLegacyUser() {
        ObjectId id = new ObjectId();
        users.insertOne(new Document("_id", id)
                .append("email", "legacy@example.com")
                .append("email_bidx", new FakeBlindIndex().of("email", "legacy@example.com"))
                .append("username", "legacy")
                .append("username_bidx", new FakeBlindIndex().of("username", "legacy"))
                .append("password", "$2b$12$legacy")
                .append("phone", "555-0100")
                .append("created_at", Date.from(NOW))
                .append("modules", new Document("wallet", new Document("balance", 42L).append("currency", "CREDITS"))));
        return id;
    }

    @Test
    void aFirstPassGivesEveryUserADataKeyAndEncryptsLegacyPlaintext() {
        ObjectId legacy = insertLegacyUser();
        assertTrue(maintenance.due(), "never run");

        EncryptionMaintenance.Progress progress = maintenance.run();

        assertEquals("finished", progress.status());
        assertEquals(3, progress.legacyValuesEncrypted(), "email, phone and balance of the legacy user");
        assertEquals(5, progress.valuesReencrypted(), "the computer players' emails move under their data keys");
        assertEquals(6, keys.countDocuments(), "five computer players and the legacy user have data keys now");
        for (Document user : users.find()) {
            assertTrue(user.getString("email").startsWith("fakedek:"), user.toJson());
            Object balance = ((Document) ((Document) user.get("modules")).get("wallet")).get("balance");
            assertTrue(String.valueOf(balance).startsWith("fake1:"), user.toJson());
        }
        User read = context.getBean(UserRepository.class).findById(new UserId(legacy.toHexString())).orElseThrow();
        assertEquals("legacy@example.com", read.email().value());
        assertEquals("555-0100", read.phone());
        assertEquals(42L, read.modules().get("wallet").get("balance"));
        assertFalse(maintenance.due());
    }

    @Test
    void aSecondPassChangesNothing() {
        insertLegacyUser();
        maintenance.run();
        List<Document> before = users.find().into(new ArrayList<>());
        EncryptionMaintenance.Progress again = maintenance.run();
        assertEquals(before, users.find().into(new ArrayList<>()));
        assertEquals(0, again.legacyValuesEncrypted());
        assertEquals(0, again.valuesReencrypted());
        assertEquals(0, again.keysRewrapped());
    }

    @Test
    void dataKeysWrappedUnderARetiredMasterKeyAreRewrapped() {
        ModuleRegistry registry = context.getBean(ModuleRegistry.class);
        User user = User.register(UserId.newId(NOW), new Email("ann@example.com"), new Username("ann"), "$h", false,
                registry.activeModules(), NOW);
        context.getBean(UserRepository.class).insert(user,
                AuditEntry.of(user.id(), Actor.player(user.id(), "r"), "user.registered", "user", List.of(), NOW));
        maintenance.run();
        Document key = keys.find(Filters.eq("_id", new ObjectId(user.id().value()))).first();
        keys.updateOne(Filters.eq("_id", key.getObjectId("_id")),
                Updates.set("wrapped_key", FakePersonalDataKeys.asOldWrapping(key.getString("wrapped_key"))));
        // A rotation is due when the state says another primary key.
        context.getBean(MongoDatabase.class).getCollection("encryption_state")
                .updateOne(Filters.eq("_id", "reencryption"), Updates.set("primary_key_id", "old"));
        assertTrue(maintenance.due());

        EncryptionMaintenance.Progress progress = maintenance.run();

        assertEquals(1, progress.keysRewrapped());
        assertTrue(new FakePersonalDataKeys().isWrappedUnderPrimary(
                keys.find(Filters.eq("_id", key.getObjectId("_id"))).first().getString("wrapped_key")));
        assertEquals("ann@example.com",
                context.getBean(UserRepository.class).findById(user.id()).orElseThrow().email().value());
    }

    @Test
    void anInterruptedPassResumesFromItsCheckpoint() {
        ObjectId legacy = insertLegacyUser();
        // As if a pass had stopped after the key phase and after every user up to the legacy one.
        context.getBean(MongoDatabase.class).getCollection("encryption_state").insertOne(new Document("_id", "reencryption")
                .append("primary_key_id", "fake").append("index_keys", "fake").append("status", "running").append("phase", "users")
                .append("last_id", legacy).append("keys_rewrapped", 0L).append("values_reencrypted", 0L)
                .append("legacy_encrypted", 0L).append("conflicts_deferred", 0L).append("started_at", new Date()));
        assertTrue(maintenance.due());

        EncryptionMaintenance.Progress progress = maintenance.run();

        assertEquals("finished", progress.status());
        assertEquals("legacy@example.com", users.find(Filters.eq("_id", legacy)).first().getString("email"),
                "documents before the checkpoint are not visited again");
        assertEquals(0, progress.legacyValuesEncrypted());
    }

    @Test
    void legacyValuesOfAnUnknownTypeAreCountedAsRemaining() {
        ObjectId legacy = insertLegacyUser();
        users.updateOne(Filters.eq("_id", legacy), Updates.set("modules.wallet.balance", 12.5));
        EncryptionMaintenance.Progress progress = maintenance.run();
        assertEquals(1, progress.legacyValuesRemaining());
        assertEquals(12.5, ((Document) ((Document) users.find(Filters.eq("_id", legacy)).first().get("modules")).get("wallet"))
                .getDouble("balance"), "left as it is, still readable");
    }

    @Test
    void aUserChangedWhileItsBatchIsPreparedIsDeferredThenTakenByTheNextSweep() {
        FakeBlindIndex fake = new FakeBlindIndex();
        AtomicBoolean changed = new AtomicBoolean();
        AtomicReference<MongoCollection<Document>> racingUsers = new AtomicReference<>();
        // A request changes the user's phone after the pass read the user, before its bulk write.
        BlindIndex racing = new BlindIndex() {
            @Override
            public String of(String purpose, String value) {
                return fake.of(purpose, value);
            }

            @Override
            public List<String> entries(String purpose, String value) {
                if (purpose.equals("username") && value.equals("racer") && changed.compareAndSet(false, true)) {
                    racingUsers.get().updateOne(Filters.eq("username", "racer"), Updates.set("phone", "555-0199"));
                }
                return fake.entries(purpose, value);
            }

            @Override
            public List<String> lookups(String purpose, String value) {
                return fake.lookups(purpose, value);
            }
        };
        try (ApplicationContext racingContext = ApplicationContext.builder()
                .properties(Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0,
                        "playerbase.crypto.reencryption-batch-size", 3))
                .singletons(new FakeFieldCipher(), racing, new FakePasswordHasher(), new FakePersonalDataKeys())
                .start()) {
            racingUsers.set(racingContext.getBean(MongoDatabase.class).getCollection("users"));
            ObjectId racer = new ObjectId();
            racingUsers.get().insertOne(new Document("_id", racer).append("email", "racer@example.com")
                    .append("email_bidx", fake.entries("email", "racer@example.com")).append("username", "racer")
                    .append("username_bidx", fake.entries("username", "racer")).append("phone", "555-0100"));

            EncryptionMaintenance.Progress progress = racingContext.getBean(EncryptionMaintenance.class).run();

            assertEquals("finished", progress.status(), "the next sweep took the deferred user");
            assertEquals(1, progress.conflictsDeferred());
            User read = racingContext.getBean(UserRepository.class).findById(new UserId(racer.toHexString())).orElseThrow();
            assertEquals("555-0199", read.phone(), "the concurrent value is kept, and encrypted");
            assertTrue(racingUsers.get().find(Filters.eq("_id", racer)).first().getString("phone").startsWith("fakedek:"));
            assertEquals(2, progress.legacyValuesEncrypted(), "the racer's email and phone, once each");
        }
    }

    @Test
    void erasedUsersAreLeftAlone() {
        ObjectId legacy = insertLegacyUser();
        users.updateOne(Filters.eq("_id", legacy), Updates.set("status", "deleted"));
        maintenance.run();
        assertEquals("legacy@example.com", users.find(Filters.eq("_id", legacy)).first().getString("email"));
        assertEquals(0, keys.countDocuments(Filters.eq("_id", legacy)), "no key is created for an erased user");
    }

    @Test
    void aCorruptValueOrADataKeyThatDoesNotOpenIsReportedAndSkippedNotTheEndOfThePass() {
        ModuleRegistry registry = context.getBean(ModuleRegistry.class);
        List<User> registered = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cid")) {
            User user = User.register(UserId.newId(NOW), new Email(name + "@example.com"), new Username(name), "$h", false,
                    registry.activeModules(), NOW);
            context.getBean(UserRepository.class).insert(user,
                    AuditEntry.of(user.id(), Actor.player(user.id(), "r"), "user.registered", "user", List.of(), NOW));
            registered.add(user);
        }
        maintenance.run();
        ObjectId ann = new ObjectId(registered.get(0).id().value());
        ObjectId bob = new ObjectId(registered.get(1).id().value());
        ObjectId cid = new ObjectId(registered.get(2).id().value());
        // Ann's email is Bob's ciphertext; Cid's data key is Bob's.
        users.updateOne(Filters.eq("_id", ann), Updates.set("email", users.find(Filters.eq("_id", bob)).first().get("email")));
        keys.updateOne(Filters.eq("_id", cid), Updates.set("wrapped_key", keys.find(Filters.eq("_id", bob)).first().get("wrapped_key")));
        // Every user is visited again (their emails re-read for the index) when the state names another key.
        context.getBean(MongoDatabase.class).getCollection("encryption_state")
                .updateOne(Filters.eq("_id", "reencryption"), Updates.set("primary_key_id", "old"));
        EncryptionMaintenance.Progress progress = maintenance.run();

        assertEquals("finished", progress.status(), "one corrupt document does not stop the pass");
        assertEquals(1.0, meters.get("playerbase.stored.data.unreadable").tag("collection", "users").tag("field", "email")
                .counter().count());
        assertEquals(1.0, meters.get("playerbase.stored.data.unreadable").tag("collection", "user_keys").tag("field", "wrapped_key")
                .counter().count());
        assertEquals("bob@example.com", context.getBean(UserRepository.class).findById(registered.get(1).id()).orElseThrow()
                .email().value(), "the others are untouched");
    }
}

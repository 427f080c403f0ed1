package io.playerbase.adapters.mongo.audit;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditRecorder;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link AuditLogStore}, the audit log the other Mongo adapters write through (an adapter's helper, not
 * a port: no fake needs it): what it stores and reads back, on the embedded store and a real MongoDB; and
 * {@link AuditRecorderMongoAdapter}, which records an entry through the user's outbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditLogStoreTest {

    private ApplicationContext context;
    private AuditLogStore store;
    private MongoDatabase database;

    /** The server to test against; each test class gets a fresh, migrated database on it. */
    abstract MongoTarget target();

    @BeforeAll
    void start() {
        context = target().startAdapters();
        store = context.getBean(AuditLogStore.class);
        database = context.getBean(MongoDatabase.class);
    }

    @AfterAll
    void stop() {
        database.drop();
        context.close();
    }

    @Test
    void storesTheEntryWithSnakeCaseFieldsAndReadsItBack() {
        UserId user = UserId.newId(Instant.now());
        Instant at = Instant.parse("2025-03-01T10:15:30.123Z");
        AuditEntry entry = AuditEntry.of(user, Actor.player(user, "req-1"), "user.profile_updated", "user",
                List.of("phone", "address"), at);

        store.write(entry);

        Document stored = database.getCollection("user_audit_logs").find(new Document("_id", entry.id())).first();
        assertEquals(new ObjectId(user.value()), stored.get("user_id"));
        assertEquals(user.value(), stored.get("actor"));
        assertEquals("player", stored.get("actor_role"));
        assertEquals("user.profile_updated", stored.get("action"));
        assertEquals("user", stored.get("module"));
        assertEquals(List.of("phone", "address"), stored.get("changed_fields"));
        assertInstanceOf(Date.class, stored.get("timestamp"));
        assertEquals(Date.from(at), stored.get("timestamp"));
        assertEquals("req-1", stored.get("request_id"));
        assertEquals(List.of(entry), store.forUser(user, 10));
    }

    @Test
    void theRecorderDeliversThroughTheUsersOutboxAndRefusesAnUnknownUser() {
        AuditRecorder recorder = context.getBean(AuditRecorder.class);
        assertInstanceOf(AuditRecorderMongoAdapter.class, recorder);
        UserId user = UserId.newId(Instant.now());
        database.getCollection("users").insertOne(new Document("_id", new ObjectId(user.value())));
        AuditEntry entry = AuditEntry.of(user, Actor.system("req-3"), "user.data_exported", "user", List.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));

        recorder.record(entry);

        assertEquals(List.of(entry), store.forUser(user, 10), "in the log once it returns");
        Document owner = database.getCollection("users").find(new Document("_id", new ObjectId(user.value()))).first();
        assertEquals(List.of(), owner.getList(AuditOutbox.FIELD, Document.class, List.of()), "delivered: the outbox is empty again");
        UserId nobody = UserId.newId(Instant.now());
        assertThrows(NotFound.class, () -> recorder.record(AuditEntry.of(nobody, Actor.system("req-4"), "user.data_exported",
                "user", List.of(), Instant.now())));
        assertEquals(List.of(), store.forUser(nobody, 10));
    }

    @Test
    void writingTheSameEntryTwiceKeepsOneDocument() {
        UserId user = UserId.newId(Instant.now());
        AuditEntry entry = AuditEntry.of(user, Actor.system("req-2"), "user.registered", "user", List.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));

        store.write(entry);
        store.write(entry);

        assertEquals(1, database.getCollection("user_audit_logs").countDocuments(new Document("user_id", new ObjectId(user.value()))));
        assertEquals(List.of(entry), store.forUser(user, 10));
    }

    @Test
    void listsNewestFirstUpToTheLimitAndOnlyForThatUser() {
        UserId user = UserId.newId(Instant.now());
        UserId other = UserId.newId(Instant.now());
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            store.write(AuditEntry.of(user, Actor.system("r" + i), "step." + i, "dutch_game", List.of("coins"),
                    start.plusSeconds(i)));
        }
        store.write(AuditEntry.of(other, Actor.system("x"), "other", "user", List.of(), start.plusSeconds(99)));

        List<AuditEntry> newest = store.forUser(user, 3);

        assertEquals(List.of("step.4", "step.3", "step.2"), newest.stream().map(AuditEntry::action).toList());
    }

    @Test
    void entriesWithTheSameTimestampComeInIdOrder() {
        UserId user = UserId.newId(Instant.now());
        Instant same = Instant.parse("2025-02-02T02:02:02Z");
        for (String id : List.of("b-entry", "c-entry", "a-entry")) {
            store.write(new AuditEntry(id, user, Actor.system("r"), "tick", "user", List.of(), same));
        }

        assertEquals(List.of("c-entry", "b-entry", "a-entry"), store.forUser(user, 10).stream().map(AuditEntry::id).toList());
    }

    @Test
    void writeAllStoresTheSameShapeAsWrite() {
        UserId user = UserId.newId(Instant.now());
        Instant at = Instant.parse("2025-03-01T10:15:30.123Z");
        AuditEntry single = AuditEntry.of(user, Actor.player(user, "req-1"), "user.profile_updated", "user",
                List.of("phone"), at);
        AuditEntry batched = new AuditEntry("batched-" + single.id(), user, single.actor(), single.action(),
                single.module(), single.changedFields(), at);

        store.write(single);
        store.writeAll(List.of(batched));

        Document one = database.getCollection("user_audit_logs").find(new Document("_id", single.id())).first();
        Document other = database.getCollection("user_audit_logs").find(new Document("_id", batched.id())).first();
        one.remove("_id");
        other.remove("_id");
        assertEquals(one, other);
    }

    @Test
    void writeAllSkipsEntriesAlreadyStoredAndWritesTheRest() {
        UserId user = UserId.newId(Instant.now());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AuditEntry first = AuditEntry.of(user, Actor.system("r1"), "one", "user", List.of(), now);
        AuditEntry second = AuditEntry.of(user, Actor.system("r2"), "two", "user", List.of(), now.plusSeconds(1));
        AuditEntry third = AuditEntry.of(user, Actor.system("r3"), "three", "user", List.of(), now.plusSeconds(2));
        store.writeAll(List.of(second));

        store.writeAll(List.of(first, second, third));

        assertEquals(List.of("three", "two", "one"), store.forUser(user, 10).stream().map(AuditEntry::action).toList());
    }
}

package io.playerbase.adapters.mongo.idempotency;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.AdapterContext;
import io.playerbase.domain.shared.IdempotencyRecord;
import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.testing.FakeFieldCipher;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link IdempotencyStore} adapter keeps; run against the embedded server and a real MongoDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdempotencyStoreContract {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private ApplicationContext context;
    private IdempotencyStore store;
    private MongoCollection<Document> raw;

    abstract String connectionString();

    abstract MongoClient client();

    abstract boolean embedded();

    @BeforeAll
    void start() {
        context = AdapterContext.start(connectionString(), client(), embedded());
        store = context.getBean(IdempotencyStore.class);
        raw = context.getBean(MongoDatabase.class).getCollection("idempotency_keys");
    }

    @AfterAll
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private static IdempotencyRecord inFlight(String scope, String key) {
        return new IdempotencyRecord(scope, key, "fp-" + key, UUID.randomUUID().toString(), NOW.plusSeconds(60), NOW,
                NOW.plusSeconds(86_400), null);
    }

    private static IdempotencyRecord.StoredResponse response(String body) {
        return new IdempotencyRecord.StoredResponse(200, "application/json", body);
    }

    @Test
    void theFirstInsertWinsAndLaterOnesSeeIt() {
        IdempotencyRecord first = inFlight("admin-1", "k-" + UUID.randomUUID());
        assertTrue(store.insertIfAbsent(first).isEmpty());
        IdempotencyRecord found = store.insertIfAbsent(inFlight("admin-1", first.key())).orElseThrow();
        assertEquals(first, found);
        assertTrue(store.insertIfAbsent(inFlight("admin-2", first.key())).isEmpty(), "keys are scoped per principal");
        Document stored = raw.find(Filters.eq("key", first.key())).first();
        assertEquals(Date.from(first.expiresAt()), stored.get("expires_at"), "a date, for the TTL index");
    }

    @Test
    void theLeaseHolderCompletesWithAnEncryptedResponse() {
        IdempotencyRecord record = inFlight("admin-1", "k-" + UUID.randomUUID());
        store.insertIfAbsent(record);
        assertFalse(store.complete("admin-1", record.key(), "another-lease", response("{}")));
        assertTrue(store.complete("admin-1", record.key(), record.leaseId(), response("{\"balance_after\":987654}")));
        assertFalse(store.complete("admin-1", record.key(), record.leaseId(), response("{}")), "completed once");

        IdempotencyRecord stored = store.insertIfAbsent(inFlight("admin-1", record.key())).orElseThrow();
        assertEquals(response("{\"balance_after\":987654}"), stored.response());
        Document rawRecord = raw.find(Filters.eq("key", record.key())).first();
        assertFalse(rawRecord.toJson().contains("987654"), rawRecord.toJson());
        assertTrue(new FakeFieldCipher().isCiphertext(rawRecord.get("response", Document.class).getString("body")));
    }

    @Test
    void releaseAndReplaceAreConditionalOnTheLease() {
        IdempotencyRecord record = inFlight("admin-1", "k-" + UUID.randomUUID());
        store.insertIfAbsent(record);
        store.release("admin-1", record.key(), "another-lease");
        assertTrue(store.insertIfAbsent(inFlight("admin-1", record.key())).isPresent(), "not released by a stranger");

        IdempotencyRecord takeover = inFlight("admin-1", record.key());
        assertTrue(store.replace(record, takeover));
        assertFalse(store.replace(record, inFlight("admin-1", record.key())), "the old lease no longer matches");
        store.release("admin-1", record.key(), takeover.leaseId());
        assertTrue(store.insertIfAbsent(inFlight("admin-1", record.key())).isEmpty(), "released");
    }

    @Test
    void aCompletedRecordIsReplacedOnlyAsCompleted() {
        IdempotencyRecord record = inFlight("admin-1", "k-" + UUID.randomUUID());
        store.insertIfAbsent(record);
        store.complete("admin-1", record.key(), record.leaseId(), response("{}"));
        assertFalse(store.replace(record, inFlight("admin-1", record.key())), "seen in flight, now completed");
        IdempotencyRecord completed = store.insertIfAbsent(inFlight("admin-1", record.key())).orElseThrow();
        assertTrue(store.replace(completed, inFlight("admin-1", record.key())));
    }
}

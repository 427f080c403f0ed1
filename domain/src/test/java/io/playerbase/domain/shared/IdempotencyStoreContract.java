package io.playerbase.domain.shared;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link IdempotencyStore} keeps: the in-memory fake, the embedded store and a real
 * MongoDB. A subclass gives the store; what a store writes to its database is its own test's business.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IdempotencyStoreContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    protected IdempotencyStore store;

    /** The store under test, once per test class. */
    protected abstract IdempotencyStore createStore();

    /** Releases what {@link #createStore()} started. */
    protected void closeStore() {
    }

    @BeforeAll
    void startStore() {
        store = createStore();
    }

    @AfterAll
    void stopStore() {
        closeStore();
    }

    protected static IdempotencyRecord inFlight(String scope, String key) {
        return new IdempotencyRecord(scope, key, "fp-" + key, UUID.randomUUID().toString(), NOW.plusSeconds(60), NOW,
                NOW.plusSeconds(86_400), null);
    }

    protected static IdempotencyRecord.StoredResponse response(String body) {
        return new IdempotencyRecord.StoredResponse(200, "application/json", body);
    }

    @Test
    void theFirstInsertWinsAndLaterOnesSeeIt() {
        IdempotencyRecord first = inFlight("admin-1", "k-" + UUID.randomUUID());
        assertTrue(store.insertIfAbsent(first).isEmpty());
        IdempotencyRecord found = store.insertIfAbsent(inFlight("admin-1", first.key())).orElseThrow();
        assertEquals(first, found);
        assertTrue(store.insertIfAbsent(inFlight("admin-2", first.key())).isEmpty(), "keys are scoped per principal");
    }

    @Test
    void theLeaseHolderCompletesOnce() {
        IdempotencyRecord record = inFlight("admin-1", "k-" + UUID.randomUUID());
        store.insertIfAbsent(record);
        assertFalse(store.complete("admin-1", record.key(), "another-lease", response("{}")));
        assertTrue(store.complete("admin-1", record.key(), record.leaseId(), response("{\"balance_after\":987654}")));
        assertFalse(store.complete("admin-1", record.key(), record.leaseId(), response("{}")), "completed once");

        IdempotencyRecord stored = store.insertIfAbsent(inFlight("admin-1", record.key())).orElseThrow();
        assertEquals(response("{\"balance_after\":987654}"), stored.response());
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

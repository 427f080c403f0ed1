package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link Ledger} keeps: the in-memory fake, the embedded store and a real MongoDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LedgerContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    protected static final Actor ADMIN = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-w");

    protected Ledger ledger;

    /** The ledger under test, once per test class (tests use fresh user ids). */
    protected abstract Ledger createLedger();

    /** Releases what {@link #createLedger()} started. */
    protected void closeLedger() {
    }

    @BeforeAll
    void startLedger() {
        ledger = createLedger();
    }

    @AfterAll
    void stopLedger() {
        closeLedger();
    }

    protected static Movement movement(String operation) {
        return new Movement(new OperationId(operation), new ReasonCode("goodwill"), "Sorry about the outage",
                TransactionSource.ADMIN, ADMIN);
    }

    /** Entries of a fresh wallet, as the domain makes them: credits of 1, 2, 3… */
    protected static List<LedgerEntry> history(UserId owner, int count) {
        Wallet wallet = Wallet.open(owner, new Currency("CREDITS"), 0);
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(wallet.credit(new Amount(i * 1000L + 7), movement("op-" + i), NOW.plusSeconds(i)));
        }
        return entries;
    }

    @Test
    void anEntryRoundTrips() {
        UserId ann = UserId.newId(NOW);
        LedgerEntry entry = history(ann, 1).get(0);
        ledger.record(entry);

        assertEquals(entry, ledger.findByOperation(ann, new OperationId("op-1")).orElseThrow());
        assertTrue(entry.hashIsValid());
        assertTrue(ledger.findByOperation(ann, new OperationId("op-2")).isEmpty());
    }

    @Test
    void recordingTheSameEntryAgainKeepsOneCopy() {
        UserId ann = UserId.newId(NOW);
        LedgerEntry entry = history(ann, 1).get(0);
        ledger.record(entry);
        ledger.record(entry);
        assertEquals(List.of(entry), ledger.newestFirst(ann, Long.MAX_VALUE, 10));
    }

    @Test
    void anotherEntryWithATakenOperationIdOrSequenceIsAFork() {
        UserId ann = UserId.newId(NOW);
        ledger.record(history(ann, 1).get(0));
        LedgerEntry sameOperation = history(ann, 2).get(1);
        LedgerEntry sameOperationRenumbered = new LedgerEntry(sameOperation.id(), ann, 2, new OperationId("op-1"),
                sameOperation.kind(), sameOperation.amount(), sameOperation.balanceAfter(), sameOperation.currency(),
                sameOperation.reason(), sameOperation.description(), sameOperation.source(), sameOperation.actor(), null,
                sameOperation.createdAt(), sameOperation.salt(), sameOperation.previousHash(), sameOperation.hash());
        assertThrows(IllegalStateException.class, () -> ledger.record(sameOperationRenumbered));
        LedgerEntry sameSequence = history(ann, 1).get(0);
        LedgerEntry otherOperation = new LedgerEntry(sameSequence.id(), ann, 1, new OperationId("op-other"),
                sameSequence.kind(), sameSequence.amount(), sameSequence.balanceAfter(), sameSequence.currency(),
                sameSequence.reason(), sameSequence.description(), sameSequence.source(), sameSequence.actor(), null,
                sameSequence.createdAt(), sameSequence.salt(), sameSequence.previousHash(), sameSequence.hash());
        assertThrows(IllegalStateException.class, () -> ledger.record(otherOperation));
        assertEquals(List.of(1L), sequences(ledger.newestFirst(ann, Long.MAX_VALUE, 10)));
    }

    @Test
    void entriesPageBySequenceInBothDirectionsPerUser() {
        UserId ann = UserId.newId(NOW);
        UserId bob = UserId.newId(NOW);
        history(ann, 5).forEach(ledger::record);
        history(bob, 2).forEach(ledger::record);

        assertEquals(List.of(5L, 4L), sequences(ledger.newestFirst(ann, Long.MAX_VALUE, 2)));
        assertEquals(List.of(3L, 2L), sequences(ledger.newestFirst(ann, 4, 2)));
        assertEquals(List.of(1L), sequences(ledger.newestFirst(ann, 2, 2)));
        assertEquals(List.of(1L, 2L, 3L), sequences(ledger.oldestFirst(ann, 0, 3)));
        assertEquals(List.of(4L, 5L), sequences(ledger.oldestFirst(ann, 3, 3)));
        assertEquals(List.of(2L, 1L), sequences(ledger.newestFirst(bob, Long.MAX_VALUE, 10)));
    }

    private static List<Long> sequences(List<LedgerEntry> entries) {
        return entries.stream().map(LedgerEntry::sequence).toList();
    }
}

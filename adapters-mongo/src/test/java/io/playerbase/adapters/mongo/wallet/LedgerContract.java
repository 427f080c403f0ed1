package io.playerbase.adapters.mongo.wallet;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.AdapterContext;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Currency;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.Wallet;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static io.playerbase.adapters.mongo.wallet.WalletRepositoryContract.NOW;
import static io.playerbase.adapters.mongo.wallet.WalletRepositoryContract.movement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link Ledger} adapter keeps; run against the embedded server and a real MongoDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerContract {

    private ApplicationContext context;
    private Ledger ledger;
    private MongoCollection<Document> raw;

    abstract String connectionString();

    abstract MongoClient client();

    abstract boolean embedded();

    @BeforeAll
    void start() {
        context = AdapterContext.start(connectionString(), client(), embedded());
        ledger = context.getBean(Ledger.class);
        raw = context.getBean(MongoDatabase.class).getCollection("wallet_transactions");
    }

    @AfterAll
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    /** Entries of a fresh wallet, as the domain makes them: credits of 1, 2, 3… */
    private static List<LedgerEntry> history(UserId owner, int count) {
        Wallet wallet = Wallet.open(owner, new Currency("CREDITS"), 0);
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(wallet.credit(new Amount(i * 1000L + 7), movement("op-" + i), NOW.plusSeconds(i)));
        }
        return entries;
    }

    @Test
    void anEntryRoundTripsWithItsAmountsEncrypted() {
        UserId ann = UserId.newId(NOW);
        LedgerEntry entry = history(ann, 1).get(0);
        ledger.record(entry);

        assertEquals(entry, ledger.findByOperation(ann, new OperationId("op-1")).orElseThrow());
        assertTrue(entry.hashIsValid());
        Document stored = raw.find(Filters.eq("_id", new ObjectId(entry.id().value()))).first();
        String json = stored.toJson();
        // The amount in clear would stand alone; hashes and ids are hex and may contain the digits by chance.
        assertFalse(json.matches("(?s).*[^0-9a-fA-F]1007[^0-9a-fA-F].*"), json);
        assertFalse(json.contains("outage"), json);
        FakeFieldCipher cipher = new FakeFieldCipher();
        for (String field : List.of("amount", "balance_after", "description", "salt")) {
            assertTrue(cipher.isCiphertext(stored.getString(field)), field);
        }
        assertEquals(new ObjectId(ann.value()), stored.get("user_id"));
        assertEquals(1L, stored.get("sequence"));
        assertEquals("credit", stored.get("kind"));
        assertEquals(entry.hash(), stored.get("hash"));
        assertTrue(ledger.findByOperation(ann, new OperationId("op-2")).isEmpty());
    }

    @Test
    void recordingTheSameEntryAgainKeepsOneCopy() {
        UserId ann = UserId.newId(NOW);
        LedgerEntry entry = history(ann, 1).get(0);
        ledger.record(entry);
        ledger.record(entry);
        assertEquals(1, raw.countDocuments(Filters.eq("user_id", new ObjectId(ann.value()))));
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
        assertEquals(1, raw.countDocuments(Filters.eq("user_id", new ObjectId(ann.value()))));
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

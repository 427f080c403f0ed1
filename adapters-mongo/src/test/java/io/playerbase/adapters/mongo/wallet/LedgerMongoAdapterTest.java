package io.playerbase.adapters.mongo.wallet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerContract;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.LedgerHistory;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LedgerMongoAdapter}: the port's contract, and what it writes to {@code wallet_transactions}. */
abstract class LedgerMongoAdapterTest extends LedgerContract {

    private ApplicationContext context;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected Ledger createLedger() {
        context = target().startAdapters();
        raw = context.getBean(MongoDatabase.class).getCollection("wallet_transactions");
        return context.getBean(Ledger.class);
    }

    @Override
    protected void closeLedger() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void anEntryIsStoredWithItsAmountsEncrypted() {
        UserId ann = UserId.newId(NOW);
        LedgerEntry entry = history(ann, 1).get(0);
        ledger.record(entry);

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
    }

    @Test
    void theHistoryReadsOneUsersWholeLedgerOldestFirstThroughOneCursor() {
        UserId ann = UserId.newId(NOW);
        UserId bob = UserId.newId(NOW);
        List<LedgerEntry> anns = history(ann, 1_201);
        for (int i = anns.size() - 1; i >= 0; i--) {
            ledger.record(anns.get(i));
        }
        history(bob, 3).forEach(ledger::record);
        LedgerHistory history = context.getBean(LedgerHistory.class);
        assertInstanceOf(LedgerHistoryMongoAdapter.class, history);
        try (Stream<LedgerEntry> entries = history.entries(ann)) {
            assertEquals(anns, entries.toList(), "every entry, decrypted, in sequence order whatever the insert order");
        }
        try (Stream<LedgerEntry> entries = history.entries(bob)) {
            assertEquals(List.of(1L, 2L), entries.limit(2).map(LedgerEntry::sequence).toList(), "closed half way");
        }
    }

    @Test
    void recordingTheSameEntryAgainStoresOneDocument() {
        UserId ann = UserId.newId(NOW);
        LedgerEntry entry = history(ann, 1).get(0);
        ledger.record(entry);
        ledger.record(entry);
        assertEquals(1, raw.countDocuments(Filters.eq("user_id", new ObjectId(ann.value()))));
    }
}

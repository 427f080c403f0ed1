package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseRepositoryContract;
import io.playerbase.domain.purchase.StoreWord;
import io.playerbase.domain.shared.ClaimHolder;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.PurchaseFixtures;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PurchaseMongoAdapter}: the purchase port's contract, and the store's word as {@code user_purchases}
 * keeps it; and {@link PurchaseClaimsMongoAdapter}, which tells the claims' recovery pass whether a purchase
 * holds its store transaction.
 */
abstract class PurchaseMongoAdapterTest extends PurchaseRepositoryContract {

    private ApplicationContext context;

    abstract MongoTarget target();

    @Override
    protected PurchaseRepository createRepository() {
        context = target().startAdapters();
        return context.getBean(PurchaseRepository.class);
    }

    @Override
    protected void closeRepository() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void aStoredPurchaseHoldsItsStoreTransactionClaimAndNothingElse() {
        ClaimHolder holder = context.getBean(PurchaseClaimsMongoAdapter.class);
        Purchase purchase = repository().claim(Purchase.record(UserId.newId(NOW),
                PurchaseFixtures.verifiedTest("tx-held", "coins_500"), PurchaseFixtures.coinsProduct("coins_500", 500), NOW));
        String owner = PurchaseMongoAdapter.owner(purchase);

        assertTrue(holder.holds(owner, "test:tx-held"));
        assertFalse(holder.holds(owner, "test:tx-other"), "another transaction");
        assertFalse(holder.holds(owner, "app_store:tx-held"), "another store");
        assertFalse(holder.holds(UserId.newId(NOW).value() + ":" + purchase.id().value(), "test:tx-held"), "another user");
        assertFalse(holder.holds("not-an-owner", "test:tx-held"));
        assertFalse(holder.holds(owner, "no-colon"));
    }

    @Test
    void theWordIsThreeFieldsAndADocumentWrittenBeforeThemReadsAsNoWordYet() {
        Purchase purchase = repository().claim(Purchase.record(UserId.newId(NOW),
                PurchaseFixtures.verifiedTest("tx-fields", "coins_500"), PurchaseFixtures.coinsProduct("coins_500", 500), NOW));
        purchase.markGranted(NOW);
        purchase.hear(new StoreWord("uuid-1", NOW.plusSeconds(20), StoreWord.Says.REFUND_REVERSED), null, NOW);
        repository().update(purchase);
        var raw = context.getBean(MongoDatabase.class).getCollection(PurchaseDocuments.COLLECTION);
        ObjectId id = new ObjectId(purchase.id().value());
        Document stored = raw.find(Filters.eq("_id", id)).first();
        assertEquals(Date.from(NOW.plusSeconds(20)), stored.getDate("word_at"));
        assertEquals("uuid-1", stored.getString("word_id"));
        assertEquals("refund_reversed", stored.getString("word"));

        raw.updateOne(Filters.eq("_id", id), new Document("$unset", new Document("word_at", "").append("word_id", "")
                .append("word", "")));
        Purchase before = repository().find(purchase.id()).orElseThrow();
        assertTrue(before.word().isEmpty());
        assertEquals(Purchase.Heard.NOTED, before.hear(new StoreWord("uuid-0", NOW, StoreWord.Says.PAID), null, NOW),
                "no word yet: any word is the latest");
        repository().update(before);
        assertFalse(repository().find(purchase.id()).orElseThrow().word().isEmpty());
    }
}

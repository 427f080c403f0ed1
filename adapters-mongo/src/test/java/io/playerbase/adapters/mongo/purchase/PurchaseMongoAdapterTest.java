package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseRepositoryContract;
import io.playerbase.domain.shared.ClaimHolder;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.PurchaseFixtures;
import org.junit.jupiter.api.Test;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PurchaseMongoAdapter}: the purchase port's contract; and {@link PurchaseClaimsMongoAdapter}, which
 * tells the claims' recovery pass whether a purchase holds its store transaction.
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
}

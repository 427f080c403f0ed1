package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseRepositoryContract;

/** The fake that application tests rely on, held to the same contract as the Mongo adapter. */
class InMemoryPurchaseRepositoryTest extends PurchaseRepositoryContract {

    @Override
    protected PurchaseRepository createRepository() {
        return new InMemoryPurchaseRepository();
    }
}

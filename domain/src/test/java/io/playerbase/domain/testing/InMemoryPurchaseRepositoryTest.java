package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.PurchaseRepository;

/** The fake that application tests rely on, held to the same contract as the Mongo adapter. */
class InMemoryPurchaseRepositoryTest extends PurchaseRepositoryContract {

    private final InMemoryPurchaseRepository repository = new InMemoryPurchaseRepository();

    @Override
    protected PurchaseRepository repository() {
        return repository;
    }
}

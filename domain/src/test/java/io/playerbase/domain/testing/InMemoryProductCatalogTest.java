package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.ProductCatalog;

/** The fake that application tests rely on, held to the same contract as the Mongo adapter. */
class InMemoryProductCatalogTest extends ProductCatalogContract {

    private final InMemoryProductCatalog catalog = new InMemoryProductCatalog();

    @Override
    protected ProductCatalog catalog() {
        return catalog;
    }
}

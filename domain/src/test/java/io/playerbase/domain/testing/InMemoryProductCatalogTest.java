package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.purchase.ProductCatalogContract;

/** The fake that application tests rely on, held to the same contract as the Mongo adapter. */
class InMemoryProductCatalogTest extends ProductCatalogContract {

    @Override
    protected ProductCatalog createCatalog() {
        return new InMemoryProductCatalog();
    }
}

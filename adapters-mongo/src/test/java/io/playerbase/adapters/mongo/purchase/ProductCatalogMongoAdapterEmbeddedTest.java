package io.playerbase.adapters.mongo.purchase;

import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.testing.ProductCatalogContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The catalog port's contract on the embedded store. */
class ProductCatalogMongoAdapterEmbeddedTest extends ProductCatalogContract {

    private ApplicationContext context;

    @BeforeEach
    void start() {
        context = PurchaseStores.start(PurchaseStores.EMBEDDED);
    }

    @AfterEach
    void stop() {
        PurchaseStores.stop(context);
    }

    @Override
    protected ProductCatalog catalog() {
        return context.getBean(ProductCatalog.class);
    }
}

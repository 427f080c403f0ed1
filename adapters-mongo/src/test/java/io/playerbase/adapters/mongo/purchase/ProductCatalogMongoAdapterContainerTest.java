package io.playerbase.adapters.mongo.purchase;

import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.testing.ProductCatalogContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The catalog port's contract on the container store. */
@Testcontainers(disabledWithoutDocker = true)
class ProductCatalogMongoAdapterContainerTest extends ProductCatalogContract {

    private ApplicationContext context;

    @BeforeEach
    void start() {
        context = PurchaseStores.start(PurchaseStores.container());
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

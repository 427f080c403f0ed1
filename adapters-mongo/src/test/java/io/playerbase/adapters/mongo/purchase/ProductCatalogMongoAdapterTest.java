package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.purchase.ProductCatalog;
import io.playerbase.domain.purchase.ProductCatalogContract;

/** {@link ProductCatalogMongoAdapter}: the catalog port's contract. */
abstract class ProductCatalogMongoAdapterTest extends ProductCatalogContract {

    private ApplicationContext context;

    abstract MongoTarget target();

    @Override
    protected ProductCatalog createCatalog() {
        context = target().startAdapters();
        return context.getBean(ProductCatalog.class);
    }

    @Override
    protected void closeCatalog() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }
}

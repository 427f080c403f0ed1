package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseRepositoryContract;

/** {@link PurchaseMongoAdapter}: the purchase port's contract. */
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
}

package io.playerbase.adapters.mongo.purchase;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ProductCatalogMongoAdapterEmbeddedTest extends ProductCatalogMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

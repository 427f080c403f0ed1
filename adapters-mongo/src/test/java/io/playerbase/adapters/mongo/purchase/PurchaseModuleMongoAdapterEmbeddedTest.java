package io.playerbase.adapters.mongo.purchase;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class PurchaseModuleMongoAdapterEmbeddedTest extends PurchaseModuleMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.purchase;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class PurchaseMongoAdapterEmbeddedTest extends PurchaseMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

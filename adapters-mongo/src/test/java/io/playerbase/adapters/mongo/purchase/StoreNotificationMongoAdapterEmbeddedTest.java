package io.playerbase.adapters.mongo.purchase;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class StoreNotificationMongoAdapterEmbeddedTest extends StoreNotificationMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

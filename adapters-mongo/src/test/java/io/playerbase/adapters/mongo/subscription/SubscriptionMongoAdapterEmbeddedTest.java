package io.playerbase.adapters.mongo.subscription;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class SubscriptionMongoAdapterEmbeddedTest extends SubscriptionMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

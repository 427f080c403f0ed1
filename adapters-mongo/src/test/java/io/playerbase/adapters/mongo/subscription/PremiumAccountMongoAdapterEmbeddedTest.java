package io.playerbase.adapters.mongo.subscription;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class PremiumAccountMongoAdapterEmbeddedTest extends PremiumAccountMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

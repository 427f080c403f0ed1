package io.playerbase.adapters.mongo.ratelimit;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class RateCountersMongoAdapterEmbeddedTest extends RateCountersMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

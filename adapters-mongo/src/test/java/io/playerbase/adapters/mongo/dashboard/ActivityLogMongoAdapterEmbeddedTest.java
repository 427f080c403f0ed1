package io.playerbase.adapters.mongo.dashboard;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ActivityLogMongoAdapterEmbeddedTest extends ActivityLogMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

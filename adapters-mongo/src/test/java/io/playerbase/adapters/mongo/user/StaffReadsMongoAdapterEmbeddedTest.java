package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class StaffReadsMongoAdapterEmbeddedTest extends StaffReadsMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class UserMongoAdapterEmbeddedTest extends UserMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.access;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ApiKeyMongoAdapterEmbeddedTest extends ApiKeyMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.compplayer;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class CompPlayerMongoAdapterEmbeddedTest extends CompPlayerMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.dutchgame;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class DutchGameMongoAdapterEmbeddedTest extends DutchGameMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.migration;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ProductionMarkMongoAdapterEmbeddedTest extends ProductionMarkMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

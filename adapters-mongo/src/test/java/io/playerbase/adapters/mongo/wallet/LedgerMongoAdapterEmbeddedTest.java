package io.playerbase.adapters.mongo.wallet;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class LedgerMongoAdapterEmbeddedTest extends LedgerMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

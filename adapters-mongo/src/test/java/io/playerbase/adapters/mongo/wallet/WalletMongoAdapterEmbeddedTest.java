package io.playerbase.adapters.mongo.wallet;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class WalletMongoAdapterEmbeddedTest extends WalletMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.claim;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class UniqueClaimsMongoAdapterEmbeddedTest extends UniqueClaimsMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

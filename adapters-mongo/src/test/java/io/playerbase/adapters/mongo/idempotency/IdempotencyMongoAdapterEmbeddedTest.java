package io.playerbase.adapters.mongo.idempotency;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class IdempotencyMongoAdapterEmbeddedTest extends IdempotencyMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

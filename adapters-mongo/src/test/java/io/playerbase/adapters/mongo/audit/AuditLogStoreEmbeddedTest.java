package io.playerbase.adapters.mongo.audit;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class AuditLogStoreEmbeddedTest extends AuditLogStoreTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

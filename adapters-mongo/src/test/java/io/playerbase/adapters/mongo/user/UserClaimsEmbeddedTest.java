package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class UserClaimsEmbeddedTest extends UserClaimsTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

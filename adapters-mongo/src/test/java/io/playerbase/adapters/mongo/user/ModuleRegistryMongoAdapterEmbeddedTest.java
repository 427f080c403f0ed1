package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.testing.MongoTarget;

class ModuleRegistryMongoAdapterEmbeddedTest extends ModuleRegistryMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }
}

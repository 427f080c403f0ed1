package io.playerbase.adapters.mongo.user;

import java.util.Map;

/** Each test starts the application's own embedded store, in memory, on a free port. */
class UserMongoAdapterEmbeddedTest extends UserRepositoryContract {

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0);
    }
}

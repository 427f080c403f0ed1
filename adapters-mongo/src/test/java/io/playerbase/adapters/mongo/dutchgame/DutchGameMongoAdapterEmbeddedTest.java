package io.playerbase.adapters.mongo.dutchgame;

import java.util.Map;

/** The contract on the application's own embedded store, in memory, on a free port. */
class DutchGameMongoAdapterEmbeddedTest extends DutchGameRepositoryContract {

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0);
    }
}

package io.playerbase.adapters.mongo.compplayer;

import java.util.Map;

class CompPlayerMongoAdapterEmbeddedTest extends CompPlayerPoolContract {

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0);
    }
}

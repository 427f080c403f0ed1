package io.playerbase.adapters.mongo.access;

import java.util.Map;

class ApiKeyStoreEmbeddedTest extends ApiKeyStoreContract {

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0);
    }
}

package io.playerbase.adapters.mongo.user;

import java.util.Map;

class StaffReadsEmbeddedTest extends StaffReadsContract {

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("playerbase.embedded.data-dir", ":memory:", "playerbase.embedded.port", 0);
    }
}

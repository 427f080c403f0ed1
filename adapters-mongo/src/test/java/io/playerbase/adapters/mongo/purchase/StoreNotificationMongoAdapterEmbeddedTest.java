package io.playerbase.adapters.mongo.purchase;

import java.util.Map;

/** The notification log on the embedded store. */
class StoreNotificationMongoAdapterEmbeddedTest extends StoreNotificationMongoAdapterTest {

    @Override
    Map<String, Object> store() {
        return PurchaseStores.EMBEDDED;
    }
}

package io.playerbase.adapters.mongo.purchase;

import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.Map;

/** The notification log on the container store. */
@Testcontainers(disabledWithoutDocker = true)
class StoreNotificationMongoAdapterContainerTest extends StoreNotificationMongoAdapterTest {

    @Override
    Map<String, Object> store() {
        return PurchaseStores.container();
    }
}

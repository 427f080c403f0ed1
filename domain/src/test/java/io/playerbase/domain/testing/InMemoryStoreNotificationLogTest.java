package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.StoreNotificationLogContract;

/** The fake that application tests rely on, held to the same contract as the Mongo adapter. */
class InMemoryStoreNotificationLogTest extends StoreNotificationLogContract {

    @Override
    protected StoreNotificationLog createLog() {
        return new InMemoryStoreNotificationLog();
    }
}

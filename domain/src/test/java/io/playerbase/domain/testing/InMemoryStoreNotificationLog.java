package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** In-memory {@link StoreNotificationLog}: notification key → outcome ({@code null} until processed). */
public final class InMemoryStoreNotificationLog implements StoreNotificationLog {

    private final Map<String, String> outcomes = new LinkedHashMap<>();

    @Override
    public synchronized boolean receive(StoreNotification notification, Instant now) {
        String key = key(notification.store(), notification.notificationId());
        if (!outcomes.containsKey(key)) {
            outcomes.put(key, null);
            return true;
        }
        return outcomes.get(key) == null;
    }

    @Override
    public synchronized void processed(Store store, String notificationId, String outcome, Instant now) {
        outcomes.put(key(store, notificationId), outcome);
    }

    public synchronized String outcome(Store store, String notificationId) {
        return outcomes.get(key(store, notificationId));
    }

    public synchronized int size() {
        return outcomes.size();
    }

    private static String key(Store store, String id) {
        return store.wireName() + "/" + id;
    }
}

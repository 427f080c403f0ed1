package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.VerifiedPurchase;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link StoreNotificationLog}: notification key → what it said and its outcome ({@code null} until processed). */
public final class InMemoryStoreNotificationLog implements StoreNotificationLog {

    private record Entry(StoreNotification notification, Instant receivedAt, String outcome) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized boolean receive(StoreNotification notification, Instant now) {
        String key = key(notification.store(), notification.notificationId());
        Entry existing = entries.get(key);
        if (existing == null) {
            entries.put(key, new Entry(notification, now, null));
            return true;
        }
        return existing.outcome() == null;
    }

    @Override
    public synchronized void processed(Store store, String notificationId, String outcome, Instant now) {
        entries.computeIfPresent(key(store, notificationId),
                (key, entry) -> new Entry(entry.notification(), entry.receivedAt(), outcome));
    }

    @Override
    public synchronized List<StoreNotification> unprocessed(Instant receivedBefore, int limit) {
        return entries.values().stream()
                .filter(entry -> entry.outcome() == null && entry.receivedAt().isBefore(receivedBefore))
                .sorted(Comparator.comparing(Entry::receivedAt))
                .limit(limit).map(Entry::notification).toList();
    }

    @Override
    public synchronized Optional<PurchaseEvent> latestAbout(Store store, String storeTransactionId) {
        return entries.values().stream().map(Entry::notification)
                .filter(n -> n.store() == store && n.purchase() != null
                        && n.purchase().storeTransactionId().equals(storeTransactionId))
                .max(Comparator.comparing(StoreNotification::sentAt))
                .map(n -> {
                    VerifiedPurchase p = n.purchase();
                    return new PurchaseEvent(n.notificationId(), n.type(), n.sentAt(), p.state(), p.revokedAt());
                });
    }

    public synchronized String outcome(Store store, String notificationId) {
        Entry entry = entries.get(key(store, notificationId));
        return entry == null ? null : entry.outcome();
    }

    /** Whether the notification was ever received (stored), processed or not. */
    public synchronized boolean received(Store store, String notificationId) {
        return entries.containsKey(key(store, notificationId));
    }

    public synchronized int size() {
        return entries.size();
    }

    private static String key(Store store, String id) {
        return store.wireName() + "/" + id;
    }
}

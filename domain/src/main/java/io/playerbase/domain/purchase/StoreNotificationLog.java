package io.playerbase.domain.purchase;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Outgoing port for received store notifications ({@code store_notifications}, unique per store and
 * notification id), which deduplicates redeliveries and keeps every notification for support,
 * unknown types included.
 */
public interface StoreNotificationLog {

    /**
     * Stores a notification the first time it arrives, with what it says of the purchase it concerns
     * (its store transaction, state and time). @return whether it still needs processing: true when new
     * or received before but never processed (a crash), false when already processed.
     */
    boolean receive(StoreNotification notification, Instant now);

    /** Marks it processed with an outcome such as {@code refunded}, {@code ignored:unknown-type}. */
    void processed(Store store, String notificationId, String outcome, Instant now);

    /**
     * What the store last said of one of its transactions, by the store's own time ({@code sentAt}): the
     * received notification about it with the latest {@code sentAt}, processed or not; empty when none
     * carried that purchase. Notifications arrive in any order; this is how a late one knows it is late,
     * and how a claim learns of a refund that arrived before it.
     */
    Optional<PurchaseEvent> latestAbout(Store store, String storeTransactionId);

    /** One notification's word on a purchase. */
    record PurchaseEvent(String notificationId, String type, Instant sentAt, VerifiedPurchase.StoreState state,
                         Instant revokedAt) {
        public PurchaseEvent {
            Objects.requireNonNull(notificationId, "notificationId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(state, "state");
        }
    }
}

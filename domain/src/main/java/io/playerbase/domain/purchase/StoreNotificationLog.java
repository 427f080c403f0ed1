package io.playerbase.domain.purchase;

import java.time.Instant;
import java.util.List;
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
     * Notifications received (first delivered) before {@code receivedBefore} and never marked processed: a
     * crash came between {@link #receive} and {@link #processed}. Oldest first, at most {@code limit}, each
     * as it was received (with its purchase, renewal info and payload), so it can be applied again. A
     * notification about a purchase that was logged before the log kept the purchase itself cannot be
     * rebuilt and is not listed (the store's redelivery still applies it).
     */
    List<StoreNotification> unprocessed(Instant receivedBefore, int limit);

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

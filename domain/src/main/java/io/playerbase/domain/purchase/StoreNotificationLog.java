package io.playerbase.domain.purchase;

import java.time.Instant;

/**
 * Outgoing port for received store notifications ({@code store_notifications}, unique per store and
 * notification id), which deduplicates redeliveries and keeps every notification for support,
 * unknown types included.
 */
public interface StoreNotificationLog {

    /**
     * Stores a notification the first time it arrives. @return whether it still needs processing: true
     * when new or received before but never processed (a crash), false when already processed.
     */
    boolean receive(StoreNotification notification, Instant now);

    /** Marks it processed with an outcome such as {@code refunded}, {@code ignored:unknown-type}. */
    void processed(Store store, String notificationId, String outcome, Instant now);
}

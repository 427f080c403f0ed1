package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.NotificationDelivery;

public interface HandleStoreNotificationUseCase {

    /**
     * Authenticates a store's server notification, logs it and applies it once if it is the store's
     * latest word on its purchase (refunds and revocations take the purchase back, a reversed refund
     * grants it again); redeliveries, older notifications and unknown types change nothing and are
     * answered too.
     *
     * @return what was done: {@code refunded}, {@code reinstated}, {@code already-processed},
     *         {@code ignored:out-of-order}, {@code ignored:unknown-type}… (docs/purchases.md)
     */
    String handle(NotificationDelivery delivery);
}

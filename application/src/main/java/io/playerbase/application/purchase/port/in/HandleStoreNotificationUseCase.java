package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.NotificationDelivery;

public interface HandleStoreNotificationUseCase {

    /**
     * Authenticates a store's server notification and applies it once (refunds and revocations take
     * the purchase back); redeliveries and unknown types change nothing and are answered too.
     *
     * @return what was done: {@code refunded}, {@code already-processed}, {@code ignored:unknown-type}…
     */
    String handle(NotificationDelivery delivery);
}

package io.playerbase.domain.purchase;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A store's server notification after it was authenticated and decoded.
 *
 * @param notificationId the store's id for deduplication: App Store {@code notificationUUID},
 *                       Google Pub/Sub {@code messageId}
 * @param type           App Store: {@code notificationType} as Apple names it ({@code REFUND},
 *                       {@code DID_RENEW}…); Google: the family and Google's name of the event
 *                       ({@code ONE_TIME_PRODUCT_PURCHASED}, {@code SUBSCRIPTION_RENEWED},
 *                       {@code VOIDED_PURCHASE}, {@code TEST}…)
 * @param subtype        App Store {@code subtype} ({@code GRACE_PERIOD}…), else null
 * @param sentAt         the store's own time of the event (App Store {@code signedDate}, Google
 *                       {@code eventTimeMillis}): notifications are ordered by it, not by arrival
 * @param purchase       the purchase it concerns as the store vouches for it now: App Store's verified
 *                       {@code signedTransactionInfo}, Google's purchase re-read from the Developer API;
 *                       null when the notification carries none (e.g. {@code TEST})
 * @param renewalInfo    App Store's verified {@code signedRenewalInfo} payload as JSON text, else null
 * @param rawPayload     the verified, decoded notification as JSON text (stored for support)
 */
public record StoreNotification(Store store,
                                String notificationId,
                                String type,
                                String subtype,
                                Instant sentAt,
                                String environment,
                                VerifiedPurchase purchase,
                                String renewalInfo,
                                String rawPayload) {

    public StoreNotification {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(rawPayload, "rawPayload");
    }

    public Optional<VerifiedPurchase> verifiedPurchase() {
        return Optional.ofNullable(purchase);
    }
}

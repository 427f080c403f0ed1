package io.playerbase.domain.subscription;

import java.time.Instant;

/**
 * What the App Store's verified payloads say about a subscription: the signed transaction, the signed
 * renewal info (when there is one) and the notification's {@code data.status} (when there is one).
 * Read from the verified JSON by the {@link SubscriptionPayloads} port; {@code null} where absent.
 *
 * @param status              the notification's {@code data.status}: 1 active, 2 expired, 3 billing retry,
 *                            4 grace period, 5 revoked
 * @param autoRenewable       {@code type} is {@code Auto-Renewable Subscription} (not a non-renewing one)
 * @param paid                the period was paid for: not a free trial ({@code offerDiscountType}
 *                            {@code FREE_TRIAL}), not shared by family ({@code inAppOwnershipType})
 * @param autoRenew           renewal info {@code autoRenewStatus} is 1
 * @param gracePeriodExpiresDate renewal info: end of the billing grace period
 * @param inBillingRetry      renewal info {@code isInBillingRetryPeriod}
 */
public record AppStoreFacts(Integer status,
                            String transactionId,
                            String originalTransactionId,
                            String productId,
                            boolean autoRenewable,
                            Instant originalPurchaseDate,
                            Instant purchaseDate,
                            Instant expiresDate,
                            Instant revocationDate,
                            Integer revocationReason,
                            boolean paid,
                            String environment,
                            Instant signedDate,
                            Boolean autoRenew,
                            String autoRenewProductId,
                            Instant gracePeriodExpiresDate,
                            Boolean inBillingRetry,
                            Integer expirationIntent) {

    /** The same facts with an expiry (non-renewing subscriptions carry none: it follows from the product's period). */
    public AppStoreFacts withExpiresDate(Instant expires) {
        return new AppStoreFacts(status, transactionId, originalTransactionId, productId, autoRenewable,
                originalPurchaseDate, purchaseDate, expires, revocationDate, revocationReason, paid, environment,
                signedDate, autoRenew, autoRenewProductId, gracePeriodExpiresDate, inBillingRetry, expirationIntent);
    }
}

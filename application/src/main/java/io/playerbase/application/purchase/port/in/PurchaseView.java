package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.purchase.VerifiedPurchase;

import java.time.Instant;

/**
 * A recorded purchase as callers see it (the store's raw payload stays in the database, for support
 * and the subscription module).
 *
 * @param credits credits the purchase granted (wallet minor units), 0 for a subscription
 */
public record PurchaseView(String id, String userId, String store, String productId, String kind, String status,
                           long credits, String storeTransactionId, String originalTransactionId, String sku,
                           int quantity, String environment, Instant purchasedAt, Instant expiresAt, Boolean autoRenew,
                           String refundedBy, String refundReason, Instant refundedAt, Instant createdAt,
                           Instant updatedAt) {

    public static PurchaseView of(Purchase purchase) {
        VerifiedPurchase v = purchase.verified();
        Refund refund = purchase.refund().orElse(null);
        return new PurchaseView(purchase.id().value(), purchase.owner().value(), v.store().wireName(),
                purchase.productId().value(), v.kind().wireName(), purchase.status().wire(), purchase.credits(),
                v.storeTransactionId(), v.originalTransactionId(), v.sku(), v.quantity(), v.environment(),
                v.purchasedAt(), v.expiresAt(), v.autoRenew(), refund == null ? null : refund.by(),
                refund == null ? null : refund.reason(), refund == null ? null : refund.at(), purchase.createdAt(),
                purchase.updatedAt());
    }
}

package io.playerbase.domain.purchase;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A purchase as the store vouches for it, after its signature or the store's API confirmed it.
 * It carries what the subscription lifecycle needs too (original transaction, expiry, renewal state).
 *
 * @param storeTransactionId    unique per store: App Store {@code transactionId}, Google Play the
 *                              order id (or the purchase token where there is none), test store its receipt id
 * @param originalTransactionId App Store {@code originalTransactionId}; Google Play the first purchase
 *                              token of a subscription chain; for one-time products the transaction id
 * @param sku                   the store's product id ({@code productId})
 * @param quantity              units bought (1 unless the store says otherwise)
 * @param purchasedAt           when the store says it was bought
 * @param expiresAt             end of the paid period (subscriptions only)
 * @param autoRenew             whether the subscription renews (subscriptions only)
 * @param environment           {@code Production}, {@code Sandbox}, {@code Test}…, as the store names it
 * @param state                 the store's view right now (purchased, pending, refunded/revoked…)
 * @param revokedAt             when the store revoked or refunded it, if it did
 * @param linkedPurchaseToken   Google Play: the token this one replaces (upgrades, re-subscriptions)
 * @param accountHint           an account identifier the client attached at purchase time
 *                              (App Store {@code appAccountToken}, Google {@code obfuscatedExternalAccountId}), if any
 * @param rawPayload            the verified payload, as JSON text, kept for support and for the subscription module
 */
public record VerifiedPurchase(Store store,
                               String storeTransactionId,
                               String originalTransactionId,
                               String sku,
                               ProductKind kind,
                               int quantity,
                               Instant purchasedAt,
                               Instant expiresAt,
                               Boolean autoRenew,
                               String environment,
                               StoreState state,
                               Instant revokedAt,
                               String linkedPurchaseToken,
                               String accountHint,
                               String rawPayload) {

    public VerifiedPurchase {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(storeTransactionId, "storeTransactionId");
        Objects.requireNonNull(originalTransactionId, "originalTransactionId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purchasedAt, "purchasedAt");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(rawPayload, "rawPayload");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /** The same purchase as the store sees it in another state (e.g. what a refund notification says of it). */
    public VerifiedPurchase withState(StoreState newState, Instant newRevokedAt) {
        return new VerifiedPurchase(store, storeTransactionId, originalTransactionId, sku, kind, quantity, purchasedAt,
                expiresAt, autoRenew, environment, newState, newRevokedAt, linkedPurchaseToken, accountHint, rawPayload);
    }

    /** The store's view of a purchase at the time it was read. */
    public enum StoreState {
        /** Paid and valid. */
        PURCHASED,
        /** Started but not paid yet (Google "pending"): never granted. */
        PENDING,
        /** Refunded or revoked by the store (or family sharing withdrawn). */
        REVOKED,
        /**
         * Paid, but already consumed (Google Play one-time products): a purchase recorded here answers as
         * it is (the app consumes after the grant); one never claimed here was used up elsewhere and is refused.
         */
        CONSUMED
    }
}

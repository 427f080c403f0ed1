package io.playerbase.domain.subscription;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one store says about one subscription at one moment: the input of {@link Subscription#observe}.
 * Made from a store notification or a client's verified purchase by {@link AppStoreLifecycle} or
 * {@link GooglePlayLifecycle}; {@code null} fields are things this view does not say.
 *
 * @param event           what happened, for the history: the store's notification type (and subtype),
 *                        or {@code claim} for a purchase a client sent
 * @param asOf            the store's time of this view: views are applied in this order, not in the
 *                        order they arrive (App Store {@code signedDate}; Google the event time, or
 *                        our time of the read for a claim)
 * @param state           the store's state; {@link State#UNCHANGED}: this view says nothing about it
 * @param sku             the store's product id of the current period
 * @param startedAt       when the subscription first started (App Store {@code originalPurchaseDate},
 *                        Google {@code startTime})
 * @param expiresAt       end of the paid period (exclusive)
 * @param graceUntil      end of the grace period (exclusive), when {@link State#GRACE}
 * @param autoRenew       whether it renews at {@code expiresAt}
 * @param resumesAt       when a paused subscription resumes (Google {@code autoResumeTime})
 * @param revokedAt       when the store refunded or revoked it, when {@link State#REVOKED}
 * @param revocationReason {@code refund}, {@code revoke}, {@code voided}…
 * @param period          the paid period this view reports (its transaction), if any
 * @param refundedTransactionId a transaction the store refunded or revoked (its period's credits go back)
 * @param reinstatedTransactionId a transaction whose refund the store reversed (App Store
 *                        {@code REFUND_REVERSED}: its period is credited again, in a new round)
 * @param token           Google Play: the purchase token this view was read for (null for the App Store)
 * @param environment     {@code Production}, {@code Sandbox}, {@code Test}…
 */
public record StoreView(String event,
                        Instant asOf,
                        State state,
                        String sku,
                        Instant startedAt,
                        Instant expiresAt,
                        Instant graceUntil,
                        Boolean autoRenew,
                        Instant resumesAt,
                        Instant revokedAt,
                        String revocationReason,
                        Period period,
                        String refundedTransactionId,
                        String reinstatedTransactionId,
                        String token,
                        String environment) {

    public StoreView {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(state, "state");
        // The database keeps milliseconds: what is applied must be what every later read shows.
        asOf = millis(asOf);
        startedAt = millis(startedAt);
        expiresAt = millis(expiresAt);
        graceUntil = millis(graceUntil);
        resumesAt = millis(resumesAt);
        revokedAt = millis(revokedAt);
    }

    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The store's state, in the subscription module's words. */
    public enum State {
        /** A paid period runs (active, or cancelled when auto-renew is off). */
        PAID,
        /** Billing failed; access continues until {@code graceUntil}. */
        GRACE,
        /** Billing failed, no access, the store keeps retrying. */
        ON_HOLD,
        /** Paused by the player. */
        PAUSED,
        /** The paid period is over and nothing renewed it. */
        EXPIRED,
        /** Refunded or revoked by the store. */
        REVOKED,
        /** The view does not say (a pending purchase, a price change…): only its transaction is noted. */
        UNCHANGED
    }

    /**
     * One period of the subscription: the store transaction that started it.
     *
     * @param paid whether the player paid for it: free trials and family-shared periods earn no credits
     */
    public record Period(String transactionId, Instant startsAt, Instant endsAt, boolean paid) {
        public Period {
            Objects.requireNonNull(transactionId, "transactionId");
            startsAt = millis(startsAt);
            endsAt = millis(endsAt);
        }
    }
}

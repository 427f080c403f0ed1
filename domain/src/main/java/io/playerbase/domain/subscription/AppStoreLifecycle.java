package io.playerbase.domain.subscription;

import io.playerbase.domain.subscription.StoreView.State;

import java.time.Instant;
import java.util.Set;

/**
 * App Store Server Notifications V2 (and signed transactions a client sends) as {@link StoreView}s.
 * Apple's own word wins: the notification's {@code data.status} when present; else the transaction's
 * {@code revocationDate}; else the type ({@code EXPIRED}, {@code GRACE_PERIOD_EXPIRED},
 * {@code DID_FAIL_TO_RENEW} with or without {@code GRACE_PERIOD}); else what the transaction and the
 * renewal info say at the notification's time (billing retry, grace period end, expiry). So
 * {@code SUBSCRIBED}, {@code DID_RENEW}, {@code DID_CHANGE_RENEWAL_STATUS}, {@code DID_CHANGE_RENEWAL_PREF},
 * {@code RENEWAL_EXTENDED}, {@code REFUND_REVERSED}, {@code OFFER_REDEEMED}, {@code PRICE_INCREASE} and a
 * client's transaction all read the state from the same facts. A {@code REFUND_REVERSED} also names the
 * transaction whose refund Apple reversed: its period is credited again. The table is in
 * docs/subscriptions.md.
 */
public final class AppStoreLifecycle {

    /** The notification types about an auto-renewable subscription that this module acts on. */
    public static final Set<String> TYPES = Set.of("SUBSCRIBED", "DID_RENEW", "DID_FAIL_TO_RENEW", "GRACE_PERIOD_EXPIRED",
            "DID_CHANGE_RENEWAL_STATUS", "DID_CHANGE_RENEWAL_PREF", "EXPIRED", "REFUND", "REVOKE", "REFUND_REVERSED",
            "RENEWAL_EXTENDED", "OFFER_REDEEMED", "PRICE_INCREASE", "REFUND_DECLINED", "CONSUMPTION_REQUEST");

    private AppStoreLifecycle() {
    }

    /**
     * @param type    the notification type, or {@code null} for a transaction a client sent
     * @param subtype the notification subtype, if any
     * @param asOf    the notification's {@code signedDate} (a client's transaction: its own {@code signedDate})
     */
    public static StoreView view(String type, String subtype, Instant asOf, AppStoreFacts facts) {
        String event = type == null ? "claim" : subtype == null ? type : type + "/" + subtype;
        State state = state(type, subtype, asOf, facts);
        Boolean autoRenew = facts.autoRenew();
        if (autoRenew == null && "DID_CHANGE_RENEWAL_STATUS".equals(type) && subtype != null) {
            autoRenew = "AUTO_RENEW_ENABLED".equals(subtype);
        }
        StoreView.Period period = facts.transactionId() == null ? null
                : new StoreView.Period(facts.transactionId(), facts.purchaseDate(), facts.expiresDate(), facts.paid());
        boolean refunded = facts.revocationDate() != null || "REFUND".equals(type) || "REVOKE".equals(type);
        Instant revokedAt = refunded ? (facts.revocationDate() != null ? facts.revocationDate() : asOf) : null;
        boolean reversed = "REFUND_REVERSED".equals(type) && !refunded;
        return new StoreView(event, asOf, state, facts.productId(), facts.originalPurchaseDate(), facts.expiresDate(),
                state == State.GRACE ? facts.gracePeriodExpiresDate() : null, autoRenew, null, revokedAt,
                refunded ? reason(type) : null, period, refunded ? facts.transactionId() : null,
                reversed ? facts.transactionId() : null, null, facts.environment());
    }

    static State state(String type, String subtype, Instant asOf, AppStoreFacts f) {
        if (f.status() != null) {
            return switch (f.status()) {
                case 1 -> State.PAID;
                case 2 -> State.EXPIRED;
                case 3 -> State.ON_HOLD;
                case 4 -> State.GRACE;
                case 5 -> State.REVOKED;
                default -> State.UNCHANGED;
            };
        }
        if (f.revocationDate() != null || "REFUND".equals(type) || "REVOKE".equals(type)) {
            return State.REVOKED;
        }
        if ("EXPIRED".equals(type)) {
            return State.EXPIRED;
        }
        if ("GRACE_PERIOD_EXPIRED".equals(type)) {
            return State.ON_HOLD;
        }
        if ("DID_FAIL_TO_RENEW".equals(type)) {
            return "GRACE_PERIOD".equals(subtype) || graceRuns(f, asOf) ? State.GRACE : State.ON_HOLD;
        }
        boolean ended = f.expiresDate() == null || !f.expiresDate().isAfter(asOf);
        if (Boolean.TRUE.equals(f.inBillingRetry()) && ended) {
            return graceRuns(f, asOf) ? State.GRACE : State.ON_HOLD;
        }
        if (f.expiresDate() == null) {
            return State.UNCHANGED;
        }
        return ended ? State.EXPIRED : State.PAID;
    }

    private static boolean graceRuns(AppStoreFacts f, Instant asOf) {
        return f.gracePeriodExpiresDate() != null && f.gracePeriodExpiresDate().isAfter(asOf);
    }

    /** {@code revoke}: family sharing withdrawn (REVOKE); {@code refund} otherwise. */
    private static String reason(String type) {
        return "REVOKE".equals(type) ? "revoke" : "refund";
    }
}

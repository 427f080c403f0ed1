package io.playerbase.domain.subscription;

import io.playerbase.domain.subscription.StoreView.State;

import java.time.Instant;
import java.util.Map;

/**
 * Google Play real-time developer notifications (subscription types 1-13 and 20) as
 * {@link StoreView}s. A notification only says that something happened; the state is what
 * {@code purchases.subscriptionsv2} answers when it is re-read for it, so every type reads the same
 * way: {@code subscriptionState} decides, and {@code SUBSCRIPTION_REVOKED} marks the revocation. A
 * pending purchase (a new or an upgrade's token not paid yet) says nothing about the subscription.
 * The table is in docs/subscriptions.md.
 */
public final class GooglePlayLifecycle {

    /** RTDN {@code subscriptionNotification.notificationType}s and Google's names for them. */
    public static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(1, "SUBSCRIPTION_RECOVERED"), Map.entry(2, "SUBSCRIPTION_RENEWED"),
            Map.entry(3, "SUBSCRIPTION_CANCELED"), Map.entry(4, "SUBSCRIPTION_PURCHASED"),
            Map.entry(5, "SUBSCRIPTION_ON_HOLD"), Map.entry(6, "SUBSCRIPTION_IN_GRACE_PERIOD"),
            Map.entry(7, "SUBSCRIPTION_RESTARTED"), Map.entry(8, "SUBSCRIPTION_PRICE_CHANGE_CONFIRMED"),
            Map.entry(9, "SUBSCRIPTION_DEFERRED"), Map.entry(10, "SUBSCRIPTION_PAUSED"),
            Map.entry(11, "SUBSCRIPTION_PAUSE_SCHEDULE_CHANGED"), Map.entry(12, "SUBSCRIPTION_REVOKED"),
            Map.entry(13, "SUBSCRIPTION_EXPIRED"), Map.entry(20, "SUBSCRIPTION_PENDING_PURCHASE_CANCELED"));

    private GooglePlayLifecycle() {
    }

    /**
     * @param type            Google's name of the notification type, {@code VOIDED_PURCHASE}, or
     *                        {@code null} for a token a client sent
     * @param asOf            the notification's {@code eventTimeMillis}; for a client's token, when we read it
     * @param revokedOrderId  the order Google voided or revoked ({@code VOIDED_PURCHASE}'s {@code orderId},
     *                        the current order for {@code SUBSCRIPTION_REVOKED}), else null
     */
    public static StoreView view(String type, Instant asOf, GooglePlayFacts facts, String revokedOrderId) {
        String state = facts.state() == null ? "" : facts.state();
        boolean canceled = state.equals("SUBSCRIPTION_STATE_CANCELED");
        Instant expiry = facts.expiryTime();
        State view = switch (state) {
            case "SUBSCRIPTION_STATE_ACTIVE" -> State.PAID;
            case "SUBSCRIPTION_STATE_CANCELED" -> expiry != null && expiry.isAfter(asOf) ? State.PAID : State.EXPIRED;
            case "SUBSCRIPTION_STATE_IN_GRACE_PERIOD" -> State.GRACE;
            case "SUBSCRIPTION_STATE_ON_HOLD" -> State.ON_HOLD;
            case "SUBSCRIPTION_STATE_PAUSED" -> State.PAUSED;
            case "SUBSCRIPTION_STATE_EXPIRED" -> State.EXPIRED;
            default -> State.UNCHANGED;
        };
        boolean revoked = "SUBSCRIPTION_REVOKED".equals(type);
        if (revoked) {
            view = State.REVOKED;
        }
        boolean paidPeriod = view == State.PAID;
        StoreView.Period period = facts.latestOrderId() == null || view == State.UNCHANGED ? null
                : new StoreView.Period(facts.latestOrderId(), null, paidPeriod ? expiry : null, facts.paid());
        String refunded = revokedOrderId != null ? revokedOrderId : revoked ? facts.latestOrderId() : null;
        return new StoreView(type == null ? "claim" : type,
                asOf,
                view,
                view == State.UNCHANGED ? null : facts.productId(),
                facts.startTime(),
                view == State.GRACE || view == State.UNCHANGED ? null : expiry,
                view == State.GRACE ? expiry : null,
                canceled ? Boolean.FALSE : facts.autoRenew(),
                view == State.PAUSED ? facts.autoResumeTime() : null,
                refunded != null ? asOf : null,
                refunded == null ? null : revoked ? "revoke" : "voided",
                period,
                refunded,
                null,
                facts.purchaseToken(),
                facts.environment());
    }
}

package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.StoreView.State;
import io.playerbase.domain.subscription.SubscriptionPeriod.CreditState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.playerbase.domain.subscription.Views.PLAN;
import static io.playerbase.domain.subscription.Views.SKU;
import static io.playerbase.domain.subscription.Views.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every App Store Server Notification V2 type (and subtype) this module acts on, as a view and as a lifecycle. */
class AppStoreLifecycleTest {

    private static final Duration MONTH = Duration.ofDays(30);

    /** A renewing period bought at {@code start}, as Apple's signed transaction and renewal info describe it. */
    private static AppStoreFacts period(String transactionId, Instant start) {
        return new AppStoreFacts(null, transactionId, "2000000001", SKU, true, T0, start, start.plus(MONTH), null, null,
                true, "Sandbox", start, true, SKU, null, false, null);
    }

    private static AppStoreFacts with(AppStoreFacts f, Integer status, Instant revocation, Boolean autoRenew, Instant grace,
                                      Boolean retry) {
        return new AppStoreFacts(status, f.transactionId(), f.originalTransactionId(), f.productId(), f.autoRenewable(),
                f.originalPurchaseDate(), f.purchaseDate(), f.expiresDate(), revocation, revocation == null ? null : 0, f.paid(),
                f.environment(), f.signedDate(), autoRenew, f.autoRenewProductId(), grace, retry, f.expirationIntent());
    }

    private static State state(String type, String subtype, Instant asOf, AppStoreFacts facts) {
        return AppStoreLifecycle.view(type, subtype, asOf, facts).state();
    }

    @Test
    void eachTypeReadsTheStateFromWhatAppleSigned() {
        AppStoreFacts running = period("tx-1", T0);
        Instant during = T0.plus(Duration.ofDays(3));
        Instant after = T0.plus(MONTH).plusSeconds(60);
        AppStoreFacts lapsed = with(running, null, null, true, null, true);
        AppStoreFacts inGrace = with(running, null, null, true, after.plus(Duration.ofDays(15)), true);

        assertEquals(State.PAID, state("SUBSCRIBED", "INITIAL_BUY", T0, running));
        assertEquals(State.PAID, state("SUBSCRIBED", "RESUBSCRIBE", during, running));
        assertEquals(State.PAID, state("DID_RENEW", null, during, running));
        assertEquals(State.PAID, state("DID_RENEW", "BILLING_RECOVERY", during, running));
        assertEquals(State.GRACE, state("DID_FAIL_TO_RENEW", "GRACE_PERIOD", after, inGrace));
        assertEquals(State.ON_HOLD, state("DID_FAIL_TO_RENEW", null, after, lapsed));
        assertEquals(State.ON_HOLD, state("GRACE_PERIOD_EXPIRED", null, after, lapsed));
        assertEquals(State.PAID, state("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED", during, with(running, null, null, false, null, false)));
        assertEquals(State.PAID, state("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_ENABLED", during, running));
        assertEquals(State.GRACE, state("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_ENABLED", after, inGrace),
                "re-enabled during grace: still in grace");
        assertEquals(State.PAID, state("DID_CHANGE_RENEWAL_PREF", "UPGRADE", during, running));
        assertEquals(State.PAID, state("DID_CHANGE_RENEWAL_PREF", "DOWNGRADE", during, running));
        assertEquals(State.EXPIRED, state("EXPIRED", "VOLUNTARY", after, running));
        assertEquals(State.EXPIRED, state("EXPIRED", "BILLING_RETRY", after, lapsed));
        assertEquals(State.EXPIRED, state("EXPIRED", "PRICE_INCREASE", after, running));
        assertEquals(State.EXPIRED, state("EXPIRED", "PRODUCT_NOT_FOR_SALE", after, running));
        assertEquals(State.REVOKED, state("REFUND", null, during, with(running, null, during, true, null, false)));
        assertEquals(State.REVOKED, state("REVOKE", null, during, with(running, null, during, true, null, false)));
        assertEquals(State.PAID, state("REFUND_REVERSED", null, during, running));
        assertEquals(State.PAID, state("RENEWAL_EXTENDED", null, after, with(period("tx-1", T0.plus(Duration.ofDays(2))), null, null, true, null, false)));
        assertEquals(State.PAID, state("OFFER_REDEEMED", "UPGRADE", during, running));
        assertEquals(State.PAID, state("PRICE_INCREASE", "ACCEPTED", during, running));
        assertEquals(State.PAID, state(null, null, during, running), "a client's transaction");
        assertEquals(State.EXPIRED, state(null, null, after, running), "a client's old transaction");
    }

    @Test
    void theNotificationsStatusWinsWhenAppleSendsOne() {
        AppStoreFacts running = period("tx-1", T0);
        Instant during = T0.plus(Duration.ofDays(3));
        assertEquals(State.PAID, state("DID_CHANGE_RENEWAL_PREF", null, during, with(running, 1, null, true, null, false)));
        assertEquals(State.EXPIRED, state("DID_CHANGE_RENEWAL_PREF", null, during, with(running, 2, null, true, null, false)));
        assertEquals(State.ON_HOLD, state("DID_CHANGE_RENEWAL_STATUS", null, during, with(running, 3, null, true, null, true)));
        assertEquals(State.GRACE, state("DID_CHANGE_RENEWAL_STATUS", null, during, with(running, 4, null, true, during.plusSeconds(5), true)));
        assertEquals(State.REVOKED, state("REVOKE", null, during, with(running, 5, during, true, null, false)));
        assertEquals(State.PAID, state("REFUND", null, during, with(running, 1, during, true, null, false)),
                "an older period refunded while the subscription stays active");
    }

    @Test
    void aViewCarriesWhatTheSubscriptionNeeds() {
        Instant after = T0.plus(MONTH).plusSeconds(60);
        Instant graceEnd = after.plus(Duration.ofDays(15));
        StoreView grace = AppStoreLifecycle.view("DID_FAIL_TO_RENEW", "GRACE_PERIOD", after,
                with(period("tx-1", T0), null, null, true, graceEnd, true));
        assertEquals("DID_FAIL_TO_RENEW/GRACE_PERIOD", grace.event());
        assertEquals(graceEnd, grace.graceUntil());
        assertEquals(SKU, grace.sku());
        assertEquals(T0, grace.startedAt());
        assertEquals("tx-1", grace.period().transactionId());
        assertNull(grace.refundedTransactionId());

        StoreView refund = AppStoreLifecycle.view("REFUND", null, after, with(period("tx-1", T0), null, after, true, null, false));
        assertEquals("tx-1", refund.refundedTransactionId());
        assertEquals(after, refund.revokedAt());
        assertEquals("refund", refund.revocationReason());
        assertEquals("revoke", AppStoreLifecycle.view("REVOKE", null, after, with(period("tx-1", T0), null, after, true, null, false))
                .revocationReason());
        assertNull(refund.reinstatedTransactionId());

        StoreView reversed = AppStoreLifecycle.view("REFUND_REVERSED", null, after, period("tx-1", T0));
        assertEquals("tx-1", reversed.reinstatedTransactionId(), "the period whose refund Apple reversed");
        assertNull(reversed.refundedTransactionId());
        assertNull(grace.reinstatedTransactionId());

        StoreView disabled = AppStoreLifecycle.view("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED", T0,
                with(period("tx-1", T0), null, null, null, null, null));
        assertEquals(Boolean.FALSE, disabled.autoRenew(), "without renewal info the subtype says it");
        assertEquals("claim", AppStoreLifecycle.view(null, null, T0, period("tx-1", T0)).event());
    }

    /** subscribe, renew twice, fail into grace, recover, cancel, expire, resubscribe, refund, reverse, revoke. */
    @Test
    void aWholeLifecycleWithPremiumRightAtEveryStep() {
        Subscription s = Subscription.open(new SubscriptionKey(SubscriptionStore.APP_STORE, "2000000001"), List.of(), T0);
        s.attach(new UserId("650000000000000000000a01"), "650000000000000000000c01", T0);
        Instant t = T0;
        apply(s, null, null, t, period("tx-1", t));
        assertStep(s, t, SubscriptionStatus.ACTIVE, true);

        Instant renewal1 = T0.plus(MONTH);
        apply(s, "DID_RENEW", null, renewal1, period("tx-2", renewal1));
        assertStep(s, renewal1, SubscriptionStatus.ACTIVE, true);
        Instant renewal2 = renewal1.plus(MONTH);
        apply(s, "DID_RENEW", null, renewal2, period("tx-3", renewal2));
        assertStep(s, renewal2.plus(MONTH).minusMillis(1), SubscriptionStatus.ACTIVE, true);

        Instant failed = renewal2.plus(MONTH).plusSeconds(1);
        Instant graceEnd = failed.plus(Duration.ofDays(16));
        apply(s, "DID_FAIL_TO_RENEW", "GRACE_PERIOD", failed, with(period("tx-3", renewal2), null, null, true, graceEnd, true));
        assertStep(s, failed, SubscriptionStatus.GRACE, true);
        assertStep(s, graceEnd.minusMillis(1), SubscriptionStatus.GRACE, true);
        assertStep(s, graceEnd, SubscriptionStatus.ON_HOLD, false);

        Instant recovered = failed.plus(Duration.ofDays(2));
        apply(s, "DID_RENEW", "BILLING_RECOVERY", recovered, period("tx-4", recovered));
        assertStep(s, recovered, SubscriptionStatus.ACTIVE, true);
        assertTrue(s.graceUntil().isEmpty());

        Instant cancelled = recovered.plus(Duration.ofDays(5));
        apply(s, "DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED", cancelled, with(period("tx-4", recovered), null, null, false, null, false));
        assertStep(s, cancelled, SubscriptionStatus.CANCELLED, true);
        Instant end = recovered.plus(MONTH);
        assertStep(s, end.minusMillis(1), SubscriptionStatus.CANCELLED, true);
        assertStep(s, end, SubscriptionStatus.EXPIRED, false);

        Instant expired = end.plusSeconds(2);
        apply(s, "EXPIRED", "VOLUNTARY", expired, with(period("tx-4", recovered), null, null, false, null, false));
        assertStep(s, expired, SubscriptionStatus.EXPIRED, false);

        Instant back = expired.plus(Duration.ofDays(10));
        apply(s, "SUBSCRIBED", "RESUBSCRIBE", back, period("tx-5", back));
        assertStep(s, back, SubscriptionStatus.ACTIVE, true);

        Instant refunded = back.plus(Duration.ofDays(3));
        apply(s, "REFUND", null, refunded, with(period("tx-5", back), null, refunded, true, null, false));
        assertStep(s, refunded, SubscriptionStatus.EXPIRED, false);
        assertEquals("refund", s.revocationReason().orElseThrow());

        Instant reversed = refunded.plus(Duration.ofDays(1));
        apply(s, "REFUND_REVERSED", null, reversed, period("tx-5", back));
        assertStep(s, reversed, SubscriptionStatus.ACTIVE, true);

        Instant revoked = reversed.plus(Duration.ofDays(1));
        apply(s, "REVOKE", null, revoked, with(period("tx-5", back), 5, revoked, true, null, false));
        assertStep(s, revoked, SubscriptionStatus.EXPIRED, false);
        assertEquals("revoke", s.revocationReason().orElseThrow());

        List<String> credited = s.periods().stream().map(SubscriptionPeriod::transactionId).toList();
        assertEquals(List.of("tx-1", "tx-2", "tx-3", "tx-4", "tx-5"), credited);
        assertEquals(CreditState.REFUND_DUE, s.periods().get(4).state(), "the refunded period's credits go back");
        assertEquals(1, s.periods().get(4).round(), "those of the round the reversal started");
        assertFalse(s.history().isEmpty());
    }

    @Test
    void extendedRenewalMovesTheExpiryOnAndAnOlderTransactionDoesNotMoveItBack() {
        Subscription s = Subscription.open(new SubscriptionKey(SubscriptionStore.APP_STORE, "2000000001"), List.of(), T0);
        apply(s, null, null, T0, period("tx-1", T0));
        AppStoreFacts extended = period("tx-1", T0).withExpiresDate(T0.plus(MONTH).plus(Duration.ofDays(7)));
        apply(s, "RENEWAL_EXTENDED", null, T0.plus(Duration.ofDays(20)), extended);
        assertEquals(T0.plus(MONTH).plus(Duration.ofDays(7)), s.expiresAt().orElseThrow());
        apply(s, null, null, T0.plus(Duration.ofDays(21)), period("tx-1", T0));
        assertEquals(T0.plus(MONTH).plus(Duration.ofDays(7)), s.expiresAt().orElseThrow(), "a client's older copy of the transaction");
    }

    private static void apply(Subscription s, String type, String subtype, Instant asOf, AppStoreFacts facts) {
        s.observe(AppStoreLifecycle.view(type, subtype, asOf, facts), PLAN, "test", asOf);
    }

    private static void assertStep(Subscription s, Instant at, SubscriptionStatus status, boolean premium) {
        assertEquals(status, s.statusAt(at), "status at " + at);
        assertEquals(premium, s.premiumAt(at), "premium at " + at);
    }
}

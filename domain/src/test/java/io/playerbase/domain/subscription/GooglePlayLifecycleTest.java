package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.StoreView.State;
import io.playerbase.domain.subscription.SubscriptionPeriod.CreditState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.playerbase.domain.subscription.Views.PLAN;
import static io.playerbase.domain.subscription.Views.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Google Play subscription notification type (1-13, 20), each read as Google's subscriptionsv2 answers it. */
class GooglePlayLifecycleTest {

    private static final Duration MONTH = Duration.ofDays(30);
    private static final String PRODUCT = "premium_monthly";

    private static GooglePlayFacts read(String state, Instant expiry, Boolean autoRenew, String order) {
        return new GooglePlayFacts("tok-1", null, "SUBSCRIPTION_STATE_" + state, PRODUCT, T0, expiry, autoRenew, order, true,
                null, "Production");
    }

    @Test
    void everySubscriptionTypeReadsTheStateFromTheReRead() {
        Instant during = T0.plus(Duration.ofDays(3));
        Instant lapsed = T0.plus(MONTH).plusSeconds(60);
        Instant renewedEnd = T0.plus(MONTH).plus(MONTH);
        Map<Integer, Object[]> cases = Map.ofEntries(
                Map.entry(1, new Object[]{read("ACTIVE", renewedEnd, true, "GPA.1..1"), lapsed, State.PAID}),
                Map.entry(2, new Object[]{read("ACTIVE", renewedEnd, true, "GPA.1..1"), lapsed, State.PAID}),
                Map.entry(3, new Object[]{read("CANCELED", T0.plus(MONTH), false, "GPA.1..0"), during, State.PAID}),
                Map.entry(4, new Object[]{read("ACTIVE", T0.plus(MONTH), true, "GPA.1..0"), T0, State.PAID}),
                Map.entry(5, new Object[]{read("ON_HOLD", T0.plus(MONTH), true, "GPA.1..0"), lapsed, State.ON_HOLD}),
                Map.entry(6, new Object[]{read("IN_GRACE_PERIOD", lapsed.plus(Duration.ofDays(7)), true, "GPA.1..0"), lapsed, State.GRACE}),
                Map.entry(7, new Object[]{read("ACTIVE", T0.plus(MONTH), true, "GPA.1..0"), during, State.PAID}),
                Map.entry(8, new Object[]{read("ACTIVE", T0.plus(MONTH), true, "GPA.1..0"), during, State.PAID}),
                Map.entry(9, new Object[]{read("ACTIVE", renewedEnd, true, "GPA.1..0"), during, State.PAID}),
                Map.entry(10, new Object[]{read("PAUSED", T0.plus(MONTH), true, "GPA.1..0"), lapsed, State.PAUSED}),
                Map.entry(11, new Object[]{read("ACTIVE", T0.plus(MONTH), true, "GPA.1..0"), during, State.PAID}),
                Map.entry(12, new Object[]{read("EXPIRED", T0.plus(MONTH), false, "GPA.1..0"), during, State.REVOKED}),
                Map.entry(13, new Object[]{read("EXPIRED", T0.plus(MONTH), false, "GPA.1..0"), lapsed, State.EXPIRED}),
                Map.entry(20, new Object[]{read("PENDING_PURCHASE_CANCELED", null, null, null), during, State.UNCHANGED}));
        assertEquals(GooglePlayLifecycle.TYPES.keySet(), cases.keySet(), "types 1-13 and 20");
        cases.forEach((number, c) -> {
            String type = GooglePlayLifecycle.TYPES.get(number);
            StoreView view = GooglePlayLifecycle.view(type, (Instant) c[1], (GooglePlayFacts) c[0], null);
            assertEquals(c[2], view.state(), type);
            assertEquals(type, view.event());
            assertEquals("tok-1", view.token());
        });
    }

    @Test
    void aCancelledSubscriptionIsPaidUntilItsExpiryThenExpired() {
        GooglePlayFacts canceled = read("CANCELED", T0.plus(MONTH), true, "GPA.1..0");
        StoreView before = GooglePlayLifecycle.view("SUBSCRIPTION_CANCELED", T0.plus(MONTH).minusMillis(1), canceled, null);
        assertEquals(State.PAID, before.state());
        assertEquals(Boolean.FALSE, before.autoRenew(), "a canceled subscription does not renew, whatever the plan says");
        assertEquals(State.EXPIRED, GooglePlayLifecycle.view("SUBSCRIPTION_CANCELED", T0.plus(MONTH), canceled, null).state());
    }

    @Test
    void graceEndsAtTheLineItemsExpiryAndKeepsThePaidEnd() {
        Instant graceEnd = T0.plus(MONTH).plus(Duration.ofDays(7));
        StoreView grace = GooglePlayLifecycle.view("SUBSCRIPTION_IN_GRACE_PERIOD", T0.plus(MONTH),
                read("IN_GRACE_PERIOD", graceEnd, true, "GPA.1..0"), null);
        assertEquals(graceEnd, grace.graceUntil());
        assertNull(grace.expiresAt(), "the paid end stays what the last paid view said");
        assertNull(grace.period().endsAt());
    }

    @Test
    void pendingPurchasesSayNothingAndPauseCarriesItsResumeTime() {
        StoreView pending = GooglePlayLifecycle.view("SUBSCRIPTION_PURCHASED", T0, read("PENDING", null, null, null), null);
        assertEquals(State.UNCHANGED, pending.state());
        assertNull(pending.period());
        GooglePlayFacts paused = new GooglePlayFacts("tok-1", null, "SUBSCRIPTION_STATE_PAUSED", PRODUCT, T0, T0.plus(MONTH), true,
                "GPA.1..0", true, T0.plus(MONTH).plus(MONTH), "Production");
        assertEquals(T0.plus(MONTH).plus(MONTH), GooglePlayLifecycle.view("SUBSCRIPTION_PAUSED", T0.plus(MONTH), paused, null).resumesAt());
    }

    @Test
    void aVoidedOrRevokedOrderIsRefunded() {
        StoreView voided = GooglePlayLifecycle.view("VOIDED_PURCHASE", T0.plus(Duration.ofDays(40)),
                read("ACTIVE", T0.plus(MONTH).plus(MONTH), true, "GPA.1..1"), "GPA.1..0");
        assertEquals(State.PAID, voided.state(), "Google kept the subscription running");
        assertEquals("GPA.1..0", voided.refundedTransactionId());
        assertEquals("voided", voided.revocationReason());
        StoreView revoked = GooglePlayLifecycle.view("SUBSCRIPTION_REVOKED", T0.plus(Duration.ofDays(3)),
                read("EXPIRED", T0.plus(MONTH), false, "GPA.1..0"), null);
        assertEquals("GPA.1..0", revoked.refundedTransactionId());
        assertEquals("revoke", revoked.revocationReason());
    }

    /** subscribe, renew twice, fail into grace, recover, cancel, restart, pause, resume, expire, revoke. */
    @Test
    void aWholeLifecycleWithPremiumRightAtEveryStep() {
        Subscription s = Subscription.open(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-1"), List.of("tok-1"), T0);
        s.attach(new UserId("650000000000000000000a01"), null, T0);
        Instant end1 = T0.plus(MONTH);
        apply(s, null, T0, read("ACTIVE", end1, true, "GPA.1..0"));
        assertStep(s, T0, SubscriptionStatus.ACTIVE, true);
        Instant end2 = end1.plus(MONTH);
        apply(s, "SUBSCRIPTION_RENEWED", end1, read("ACTIVE", end2, true, "GPA.1..1"));
        Instant end3 = end2.plus(MONTH);
        apply(s, "SUBSCRIPTION_RENEWED", end2, read("ACTIVE", end3, true, "GPA.1..2"));
        assertStep(s, end3.minusMillis(1), SubscriptionStatus.ACTIVE, true);
        assertStep(s, end3, SubscriptionStatus.EXPIRED, false);

        Instant graceEnd = end3.plus(Duration.ofDays(7));
        apply(s, "SUBSCRIPTION_IN_GRACE_PERIOD", end3.plusSeconds(1), read("IN_GRACE_PERIOD", graceEnd, true, "GPA.1..2"));
        assertStep(s, end3.plusSeconds(1), SubscriptionStatus.GRACE, true);
        assertEquals(end3, s.expiresAt().orElseThrow());
        assertStep(s, graceEnd, SubscriptionStatus.ON_HOLD, false);
        apply(s, "SUBSCRIPTION_ON_HOLD", graceEnd.plusSeconds(1), read("ON_HOLD", end3, true, "GPA.1..2"));
        assertStep(s, graceEnd.plusSeconds(1), SubscriptionStatus.ON_HOLD, false);

        Instant recovered = graceEnd.plus(Duration.ofDays(1));
        Instant end4 = recovered.plus(MONTH);
        apply(s, "SUBSCRIPTION_RECOVERED", recovered, read("ACTIVE", end4, true, "GPA.1..3"));
        assertStep(s, recovered, SubscriptionStatus.ACTIVE, true);

        apply(s, "SUBSCRIPTION_CANCELED", recovered.plusSeconds(60), read("CANCELED", end4, false, "GPA.1..3"));
        assertStep(s, recovered.plusSeconds(60), SubscriptionStatus.CANCELLED, true);
        apply(s, "SUBSCRIPTION_RESTARTED", recovered.plusSeconds(120), read("ACTIVE", end4, true, "GPA.1..3"));
        assertStep(s, recovered.plusSeconds(120), SubscriptionStatus.ACTIVE, true);

        apply(s, "SUBSCRIPTION_PAUSE_SCHEDULE_CHANGED", recovered.plusSeconds(180), read("ACTIVE", end4, true, "GPA.1..3"));
        apply(s, "SUBSCRIPTION_PAUSED", end4, read("PAUSED", end4, true, "GPA.1..3"));
        assertStep(s, end4, SubscriptionStatus.PAUSED, false);
        Instant resumed = end4.plus(MONTH);
        apply(s, "SUBSCRIPTION_RENEWED", resumed, read("ACTIVE", resumed.plus(MONTH), true, "GPA.1..4"));
        assertStep(s, resumed, SubscriptionStatus.ACTIVE, true);
        apply(s, "SUBSCRIPTION_DEFERRED", resumed.plusSeconds(5), read("ACTIVE", resumed.plus(MONTH).plus(Duration.ofDays(7)), true, "GPA.1..4"));
        assertEquals(resumed.plus(MONTH).plus(Duration.ofDays(7)), s.expiresAt().orElseThrow());
        apply(s, "SUBSCRIPTION_PRICE_CHANGE_CONFIRMED", resumed.plusSeconds(6), read("ACTIVE", resumed.plus(MONTH).plus(Duration.ofDays(7)), true, "GPA.1..4"));
        assertStep(s, resumed.plusSeconds(6), SubscriptionStatus.ACTIVE, true);

        Instant revoked = resumed.plus(Duration.ofDays(3));
        apply(s, "SUBSCRIPTION_REVOKED", revoked, read("EXPIRED", resumed.plus(MONTH), false, "GPA.1..4"));
        assertStep(s, revoked, SubscriptionStatus.EXPIRED, false);
        apply(s, "SUBSCRIPTION_EXPIRED", revoked.plusSeconds(1), read("EXPIRED", resumed.plus(MONTH), false, "GPA.1..4"));
        assertStep(s, revoked.plusSeconds(1), SubscriptionStatus.EXPIRED, false);

        assertEquals(List.of("GPA.1..0", "GPA.1..1", "GPA.1..2", "GPA.1..3", "GPA.1..4"),
                s.periods().stream().map(SubscriptionPeriod::transactionId).toList());
        assertEquals(CreditState.REFUND_DUE, s.periods().get(4).state());
        assertTrue(s.periods().subList(0, 4).stream().allMatch(p -> p.state() == CreditState.DUE));
    }

    @Test
    void outOfOrderNotificationsConvergeBecauseEachReReadIsOrderedByItsEventTime() {
        Instant end1 = T0.plus(MONTH);
        GooglePlayFacts renewed = read("ACTIVE", end1.plus(MONTH), true, "GPA.1..1");
        GooglePlayFacts canceled = read("CANCELED", end1.plus(MONTH), false, "GPA.1..1");
        Subscription inOrder = Subscription.open(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-1"), List.of("tok-1"), T0);
        apply(inOrder, "SUBSCRIPTION_RENEWED", end1, renewed);
        apply(inOrder, "SUBSCRIPTION_CANCELED", end1.plusSeconds(30), canceled);
        Subscription late = Subscription.open(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-1"), List.of("tok-1"), T0);
        apply(late, "SUBSCRIPTION_CANCELED", end1.plusSeconds(30), canceled);
        apply(late, "SUBSCRIPTION_RENEWED", end1, canceled);
        assertEquals(inOrder.status(), late.status());
        assertEquals(SubscriptionStatus.CANCELLED, late.status());
        assertFalse(late.autoRenew().orElseThrow());
    }

    private static void apply(Subscription s, String type, Instant asOf, GooglePlayFacts facts) {
        s.observe(GooglePlayLifecycle.view(type, asOf, facts, null), PLAN, "test", asOf);
    }

    private static void assertStep(Subscription s, Instant at, SubscriptionStatus status, boolean premium) {
        assertEquals(status, s.statusAt(at), "status at " + at);
        assertEquals(premium, s.premiumAt(at), "premium at " + at);
    }
}

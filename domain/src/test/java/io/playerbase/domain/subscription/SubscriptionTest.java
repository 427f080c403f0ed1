package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.StoreView.State;
import io.playerbase.domain.subscription.SubscriptionPeriod.CreditState;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.playerbase.domain.subscription.Views.PLAN;
import static io.playerbase.domain.subscription.Views.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine of docs/subscriptions.md: every status × every store state, order, duplicates, money. */
class SubscriptionTest {

    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T0.plus(Duration.ofDays(2));
    private static final UserId ANN = new UserId("650000000000000000000a01");
    private static final UserId BOB = new UserId("650000000000000000000b01");

    private static Subscription fresh() {
        return Subscription.open(new SubscriptionKey(SubscriptionStore.APP_STORE, "2000000001"), List.of(), T0);
    }

    private static Subscription owned() {
        Subscription s = fresh();
        s.attach(ANN, "650000000000000000000c01", T0);
        return s;
    }

    /** The events of the table: what the store says at T2, as views. */
    private static Map<String, StoreView> events() {
        Map<String, StoreView> events = new LinkedHashMap<>();
        events.put("paid, renewing", Views.of(State.PAID, T2).build());
        events.put("paid, auto-renew off", Views.of(State.PAID, T2).autoRenew(false).build());
        events.put("grace", Views.of(State.GRACE, T2).build());
        events.put("on hold", Views.of(State.ON_HOLD, T2).build());
        events.put("paused", Views.of(State.PAUSED, T2).build());
        events.put("expired", Views.of(State.EXPIRED, T2).build());
        events.put("revoked", Views.of(State.REVOKED, T2).build());
        events.put("unchanged", Views.of(State.UNCHANGED, T2).build());
        return events;
    }

    /** The statuses of the table, each reached by what a store said at T1 (none: nothing said). */
    private static Map<SubscriptionStatus, Function<Subscription, Subscription>> starts() {
        Map<SubscriptionStatus, Function<Subscription, Subscription>> starts = new LinkedHashMap<>();
        starts.put(SubscriptionStatus.NONE, s -> s);
        starts.put(SubscriptionStatus.ACTIVE, s -> observed(s, Views.of(State.PAID, T1).build()));
        starts.put(SubscriptionStatus.GRACE, s -> observed(s, Views.of(State.GRACE, T1).build()));
        starts.put(SubscriptionStatus.ON_HOLD, s -> observed(s, Views.of(State.ON_HOLD, T1).build()));
        starts.put(SubscriptionStatus.PAUSED, s -> observed(s, Views.of(State.PAUSED, T1).build()));
        starts.put(SubscriptionStatus.CANCELLED, s -> observed(s, Views.of(State.PAID, T1).autoRenew(false).build()));
        starts.put(SubscriptionStatus.EXPIRED, s -> observed(s, Views.of(State.EXPIRED, T1).build()));
        return starts;
    }

    private static Subscription observed(Subscription s, StoreView view) {
        s.observe(view, PLAN, "test", view.asOf());
        return s;
    }

    private static final Map<String, SubscriptionStatus> RESULT = Map.of(
            "paid, renewing", SubscriptionStatus.ACTIVE,
            "paid, auto-renew off", SubscriptionStatus.CANCELLED,
            "grace", SubscriptionStatus.GRACE,
            "on hold", SubscriptionStatus.ON_HOLD,
            "paused", SubscriptionStatus.PAUSED,
            "expired", SubscriptionStatus.EXPIRED,
            "revoked", SubscriptionStatus.EXPIRED);

    @TestFactory
    List<DynamicTest> everyStatusByEveryStoreState() {
        List<DynamicTest> tests = new ArrayList<>();
        starts().forEach((start, reach) -> events().forEach((name, event) -> tests.add(DynamicTest.dynamicTest(
                start.wire() + " × " + name, () -> {
                    Subscription s = reach.apply(owned());
                    assertEquals(start, s.status(), "the start");
                    s.observe(event, PLAN, "test", T2);
                    SubscriptionStatus expected = RESULT.getOrDefault(name, start);
                    assertEquals(expected, s.status());
                    boolean premium = expected == SubscriptionStatus.ACTIVE || expected == SubscriptionStatus.CANCELLED
                            || expected == SubscriptionStatus.GRACE;
                    assertEquals(premium, s.premiumAt(T2), "premium right after");
                    assertEquals(name.equals("revoked"), s.revokedAt().isPresent(), "revocation recorded");
                }))));
        return tests;
    }

    @TestFactory
    List<DynamicTest> outOfOrderPairsConvergeToTheNewerView() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Function<Instant, StoreView>> kinds = new LinkedHashMap<>();
        kinds.put("paid", at -> Views.of(State.PAID, at).build());
        kinds.put("cancelled", at -> Views.of(State.PAID, at).autoRenew(false).build());
        kinds.put("grace", at -> Views.of(State.GRACE, at).build());
        kinds.put("on hold", at -> Views.of(State.ON_HOLD, at).build());
        kinds.put("paused", at -> Views.of(State.PAUSED, at).build());
        kinds.put("expired", at -> Views.of(State.EXPIRED, at).build());
        kinds.put("revoked", at -> Views.of(State.REVOKED, at).build());
        kinds.forEach((olderName, older) -> kinds.forEach((newerName, newer) -> tests.add(DynamicTest.dynamicTest(
                olderName + " then " + newerName + ", delivered both ways", () -> {
                    StoreView first = older.apply(T1);
                    StoreView second = newer.apply(T2);
                    Subscription inOrder = owned();
                    inOrder.observe(first, PLAN, "test", T2);
                    inOrder.observe(second, PLAN, "test", T2);
                    Subscription reversed = owned();
                    reversed.observe(second, PLAN, "test", T2);
                    boolean olderChanged = reversed.observe(first, PLAN, "test", T2);
                    assertFalse(olderChanged, "the older view, arriving last, changes nothing");
                    assertEquals(inOrder.status(), reversed.status());
                    assertEquals(inOrder.expiresAt(), reversed.expiresAt());
                    assertEquals(inOrder.graceUntil(), reversed.graceUntil());
                    assertEquals(inOrder.autoRenew(), reversed.autoRenew());
                    assertEquals(inOrder.revokedAt(), reversed.revokedAt());
                    assertEquals(T2, reversed.storeTime().orElseThrow());
                }))));
        return tests;
    }

    @Test
    void theSameViewTwiceChangesNothingTheSecondTime() {
        Subscription s = owned();
        StoreView renewal = Views.paid(T1, "tx-2").build();
        assertTrue(s.observe(renewal, PLAN, "notification:n1", T1));
        assertFalse(s.observe(renewal, PLAN, "notification:n1", T1.plusSeconds(5)));
        assertEquals(1, s.history().size());
        assertEquals(1, s.periods().size());
        assertEquals(CreditState.DUE, s.periods().get(0).state());
    }

    @Test
    void aViewOfTheSameStoreTimeAsTheLastIsARepeat() {
        Subscription s = owned();
        s.observe(Views.of(State.PAID, T1).build(), PLAN, "a", T1);
        assertFalse(s.observe(Views.of(State.EXPIRED, T1).build(), PLAN, "b", T1));
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
    }

    @Test
    void eachPaidPeriodIsCreditedOnceAndOnlyWhenSomeoneOwnsTheSubscription() {
        Subscription s = fresh();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        assertEquals(List.of(), s.walletWork(), "nobody to credit yet");
        assertEquals(CreditState.DUE, s.periods().get(0).state());
        assertEquals(100, s.periods().get(0).credits());
        s.attach(ANN, "650000000000000000000c01", T0);
        assertEquals(List.of("tx-1"), s.walletWork().stream().map(SubscriptionPeriod::transactionId).toList());
        assertTrue(s.walletDone("tx-1", CreditState.DUE, 0, T0));
        assertFalse(s.walletDone("tx-1", CreditState.DUE, 0, T0), "already done");
        s.observe(Views.paid(T1, "tx-2").build(), PLAN, "n", T1);
        s.observe(Views.paid(T1, "tx-2").build(), PLAN, "n", T1);
        assertEquals(List.of("tx-2"), s.walletWork().stream().map(SubscriptionPeriod::transactionId).toList());
        assertEquals("subscription:app_store:tx-2", SubscriptionPeriod.creditOperationId(s.store(), "tx-2", 0));
        assertEquals("subscription-refund:app_store:tx-2", SubscriptionPeriod.refundOperationId(s.store(), "tx-2", 0));
        assertEquals("subscription-reinstate:app_store:tx-2:1", SubscriptionPeriod.creditOperationId(s.store(), "tx-2", 1));
        assertEquals("subscription-refund:app_store:tx-2:1", SubscriptionPeriod.refundOperationId(s.store(), "tx-2", 1));
    }

    @Test
    void freeTrialsAndProductsWithoutCreditsEarnNothing() {
        Subscription s = owned();
        s.observe(Views.of(State.PAID, T0).trial("tx-trial", T0, T1).build(), PLAN, "n", T0);
        s.observe(Views.paid(T1, "tx-paid").build(), new Plan("premium_monthly", 0), "n", T1);
        s.observe(Views.paid(T2, "tx-unknown-product").sku("com.example.other").build(), null, "n", T2);
        assertTrue(s.periods().stream().allMatch(p -> p.credits() == 0 && p.state() == CreditState.NONE));
        assertEquals(List.of(), s.walletWork());
        assertTrue(s.plan().isEmpty(), "a SKU the catalog lacks has no plan");
    }

    @Test
    void aRefundAfterTheCreditTakesItBackOnce() {
        Subscription s = owned();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        s.walletDone("tx-1", CreditState.DUE, 0, T0);
        StoreView refund = Views.of(State.REVOKED, T1).period("tx-1", T0, T0.plus(Duration.ofDays(30))).refunds("tx-1").build();
        assertTrue(s.observe(refund, PLAN, "n2", T1));
        assertEquals(CreditState.REFUND_DUE, s.periods().get(0).state());
        assertEquals(SubscriptionStatus.EXPIRED, s.status());
        assertFalse(s.premiumAt(T1));
        assertFalse(s.observe(refund, PLAN, "n2", T1), "a repeated refund");
        assertTrue(s.walletDone("tx-1", CreditState.REFUND_DUE, 0, T1));
        assertEquals(CreditState.REFUNDED, s.periods().get(0).state());
        assertEquals(List.of(), s.walletWork());
    }

    @Test
    void aReversedRefundCreditsThePeriodAgainInANewRoundOnce() {
        Subscription s = owned();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        s.walletDone("tx-1", CreditState.DUE, 0, T0);
        s.observe(Views.of(State.REVOKED, T1).refunds("tx-1").build(), PLAN, "refund", T1);
        s.walletDone("tx-1", CreditState.REFUND_DUE, 0, T1);
        StoreView reversal = Views.of(State.PAID, T2).event("REFUND_REVERSED").period("tx-1", T0, T0.plus(Duration.ofDays(30)))
                .reinstates("tx-1").build();
        assertTrue(s.observe(reversal, PLAN, "reversal", T2));
        SubscriptionPeriod again = s.periods().get(0);
        assertEquals(CreditState.DUE, again.state());
        assertEquals(1, again.round());
        assertFalse(again.refunded());
        assertEquals(List.of(again), s.walletWork());
        assertFalse(s.observe(reversal, PLAN, "reversal", T2), "the same reversal again (a crash, a retry): no second round");
        assertFalse(s.walletDone("tx-1", CreditState.DUE, 0, T2), "round 0's credit is not round 1's");
        assertTrue(s.walletDone("tx-1", CreditState.DUE, 1, T2));

        Instant refundedAgain = T2.plusSeconds(60);
        s.observe(Views.of(State.REVOKED, refundedAgain).refunds("tx-1").build(), PLAN, "refund", refundedAgain);
        assertEquals(CreditState.REFUND_DUE, s.periods().get(0).state());
        assertEquals(1, s.periods().get(0).round(), "the second refund takes back the second credit");
    }

    @Test
    void aRefundAndItsReversalConvergeToTheStoresLatestWordInEitherOrder() {
        StoreView refund = Views.of(State.REVOKED, T1).refunds("tx-1").build();
        StoreView reversal = Views.of(State.PAID, T2).event("REFUND_REVERSED").period("tx-1", T0, T0.plus(Duration.ofDays(30)))
                .reinstates("tx-1").build();

        Subscription inOrder = owned();
        inOrder.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        inOrder.walletDone("tx-1", CreditState.DUE, 0, T0);
        inOrder.observe(refund, PLAN, "refund", T1);
        inOrder.observe(reversal, PLAN, "reversal", T2);
        assertEquals(CreditState.DUE, inOrder.periods().get(0).state(), "refunded, then credited again");
        assertEquals(1, inOrder.periods().get(0).round());

        Subscription reversalFirst = owned();
        reversalFirst.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        reversalFirst.walletDone("tx-1", CreditState.DUE, 0, T0);
        assertTrue(reversalFirst.observe(reversal, PLAN, "reversal", T2), "nothing to reinstate, but the word is noted");
        assertEquals(CreditState.CREDITED, reversalFirst.periods().get(0).state());
        reversalFirst.observe(refund, PLAN, "refund", T2);
        assertEquals(CreditState.CREDITED, reversalFirst.periods().get(0).state(), "the older refund changes nothing");
        assertEquals(0, reversalFirst.periods().get(0).round());
        assertEquals(SubscriptionStatus.ACTIVE, reversalFirst.status());
        assertEquals(inOrder.status(), reversalFirst.status());

        Subscription laterRefundFirst = owned();
        laterRefundFirst.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        laterRefundFirst.walletDone("tx-1", CreditState.DUE, 0, T0);
        Instant secondRefund = T2.plusSeconds(60);
        laterRefundFirst.observe(Views.of(State.REVOKED, secondRefund).refunds("tx-1").build(), PLAN, "refund", secondRefund);
        laterRefundFirst.observe(reversal, PLAN, "reversal", T2);
        assertEquals(CreditState.REFUND_DUE, laterRefundFirst.periods().get(0).state(), "the reversal is older than the refund");
        assertEquals(0, laterRefundFirst.periods().get(0).round());
    }

    @Test
    void aPeriodRefundedBeforeItWasCreditedIsCreditedOnceWhenTheRefundIsReversed() {
        Subscription s = owned();
        StoreView refund = Views.of(State.REVOKED, T1).period("tx-1", T0, T0.plus(Duration.ofDays(30))).refunds("tx-1").build();
        s.observe(refund, PLAN, "refund", T1);
        assertEquals(CreditState.NONE, s.periods().get(0).state());
        assertEquals(100, s.periods().get(0).credits(), "what it would earn, kept for a reversal");
        assertEquals(List.of(), s.walletWork());
        s.observe(Views.of(State.PAID, T2).event("REFUND_REVERSED").period("tx-1", T0, T0.plus(Duration.ofDays(30)))
                .reinstates("tx-1").build(), PLAN, "reversal", T2);
        assertEquals(CreditState.DUE, s.periods().get(0).state());
        assertEquals(0, s.periods().get(0).round(), "nothing moved in round 0: it is credited in round 0");
    }

    @Test
    void aRenewalRacingARefundEndsTheSameWhicheverComesFirstAndNeverCreditsTwice() {
        StoreView renewal = Views.paid(T1, "tx-2").build();
        StoreView refund = Views.of(State.REVOKED, T2).period("tx-2", T1, T1.plus(Duration.ofDays(30))).refunds("tx-2").build();

        Subscription renewalFirst = owned();
        renewalFirst.observe(renewal, PLAN, "n", T1);
        List<SubscriptionPeriod> credit = renewalFirst.walletWork();
        renewalFirst.observe(refund, PLAN, "n", T2);
        assertEquals(List.of("tx-2"), credit.stream().map(SubscriptionPeriod::transactionId).toList());
        assertEquals(CreditState.REFUND_DUE, renewalFirst.periods().get(0).state(), "credit and take back, once each");
        assertFalse(renewalFirst.walletDone("tx-2", CreditState.DUE, 0, T2), "the credit step finds the refund took over");

        Subscription refundFirst = owned();
        refundFirst.observe(refund, PLAN, "n", T2);
        refundFirst.observe(renewal, PLAN, "n", T2);
        assertEquals(CreditState.NONE, refundFirst.periods().get(0).state(), "never credited, nothing to take back");
        assertTrue(refundFirst.periods().get(0).refunded());
        assertEquals(List.of(), refundFirst.walletWork());

        assertEquals(renewalFirst.status(), refundFirst.status());
        assertEquals(SubscriptionStatus.EXPIRED, refundFirst.status());
    }

    @Test
    void aRefundOfAnOlderPeriodTakesItsCreditsBackAndLeavesTheCurrentPeriodAlone() {
        Subscription s = owned();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        Instant renewed = T0.plus(Duration.ofDays(30));
        s.observe(Views.paid(renewed, "tx-2").build(), PLAN, "n", renewed);
        StoreView oldRefund = Views.of(State.REVOKED, renewed.plusSeconds(60))
                .period("tx-1", T0, T0.plus(Duration.ofDays(30))).expires(T0.plus(Duration.ofDays(30))).refunds("tx-1").build();
        assertTrue(s.observe(oldRefund, PLAN, "n", renewed.plusSeconds(60)));
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertEquals(renewed.plus(Duration.ofDays(30)), s.expiresAt().orElseThrow());
        assertTrue(s.premiumAt(renewed.plusSeconds(60)));
        assertEquals(CreditState.REFUND_DUE, s.periods().get(0).state());
        assertEquals(CreditState.DUE, s.periods().get(1).state());
    }

    @Test
    void aRefundReversedReinstatesTheSubscription() {
        Subscription s = owned();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        s.observe(Views.of(State.REVOKED, T1).refunds("tx-1").build(), PLAN, "n", T1);
        assertFalse(s.premiumAt(T1));
        s.observe(Views.of(State.PAID, T2).event("REFUND_REVERSED").expires(T0.plus(Duration.ofDays(30))).build(), PLAN, "n", T2);
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertTrue(s.revokedAt().isEmpty());
        assertTrue(s.premiumAt(T2));
    }

    @Test
    void viewsOfATokenTheChainMovedPastChangeNoStatus() {
        Subscription s = Subscription.open(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-1"), List.of("tok-1"), T0);
        s.attach(ANN, null, T0);
        s.observe(Views.paid(T0, "GPA.1..0").token("tok-1").build(), PLAN, "n", T0);
        s.addTokens(List.of("tok-2"), T1);
        s.observe(Views.of(State.UNCHANGED, T1).token("tok-2").build(), PLAN, "pending upgrade", T1);
        s.observe(Views.paid(T1.plusSeconds(1), "GPA.1..1").token("tok-1").build(), PLAN, "n", T1);
        assertEquals(SubscriptionStatus.ACTIVE, s.status(), "a pending token does not take over the chain");
        s.observe(Views.paid(T2, "GPA.2..0").token("tok-2").build(), PLAN, "n", T2);
        StoreView oldTokenExpired = Views.of(State.EXPIRED, T2.plusSeconds(1)).token("tok-1").build();
        assertFalse(s.observe(oldTokenExpired, PLAN, "n", T2), "the replaced token's end is not the subscription's");
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertTrue(s.premiumAt(T2.plusSeconds(1)));
    }

    @Test
    void theFirstClaimantOwnsItAndAnotherAccountIsRefused() {
        Subscription s = fresh();
        assertTrue(s.attach(ANN, null, T0));
        assertTrue(s.attach(ANN, "650000000000000000000c01", T0), "the purchase id is noted later");
        assertFalse(s.attach(ANN, "650000000000000000000c02", T0));
        Conflict refused = assertThrows(Conflict.class, () -> s.attach(BOB, "650000000000000000000c03", T0));
        assertEquals("purchase-already-claimed", refused.code());
        assertEquals(ANN, s.owner().orElseThrow());
        assertEquals("650000000000000000000c01", s.sourcePurchaseId().orElseThrow());
    }

    @Test
    void tidyingCatchesTheStoredStatusUpWithTheClockWithoutBlockingNewerViews() {
        Subscription s = owned();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        Instant expiry = s.expiresAt().orElseThrow();
        assertEquals(expiry, s.tidyAt().orElseThrow());
        assertFalse(s.tidy("sweep", expiry.minusMillis(1)));
        assertTrue(s.premiumAt(expiry.minusMillis(1)));
        assertFalse(s.premiumAt(expiry), "premium ended before any tidying");
        assertTrue(s.tidy("sweep", expiry));
        assertEquals(SubscriptionStatus.EXPIRED, s.status());
        assertEquals("time", s.history().get(s.history().size() - 1).event());
        assertTrue(s.tidyAt().isEmpty());
        s.observe(Views.paid(expiry.plusSeconds(10), "tx-2").build(), PLAN, "n", expiry.plusSeconds(10));
        assertEquals(SubscriptionStatus.ACTIVE, s.status(), "a late renewal still applies");

        Subscription grace = owned();
        grace.observe(Views.of(State.GRACE, T0).build(), PLAN, "n", T0);
        Instant graceEnd = grace.graceUntil().orElseThrow();
        assertTrue(grace.premiumAt(graceEnd.minusMillis(1)));
        assertFalse(grace.premiumAt(graceEnd));
        assertTrue(grace.tidy("sweep", graceEnd.plusMillis(1)));
        assertEquals(SubscriptionStatus.ON_HOLD, grace.status());
    }

    @Test
    void theHistoryRecordsEachChangeWithTheStoresEventAndStaysBounded() {
        Subscription s = owned();
        s.observe(Views.paid(T0, "tx-1").event("SUBSCRIBED/INITIAL_BUY").build(), PLAN, "notification:a", T0);
        s.observe(Views.of(State.PAID, T1).autoRenew(false).event("DID_CHANGE_RENEWAL_STATUS").build(), PLAN, "notification:b", T1);
        SubscriptionChange last = s.history().get(1);
        assertEquals("DID_CHANGE_RENEWAL_STATUS", last.event());
        assertEquals(SubscriptionStatus.ACTIVE, last.from());
        assertEquals(SubscriptionStatus.CANCELLED, last.to());
        assertEquals(T1, last.storeTime());
        assertEquals("notification:b", last.source());
        assertEquals(Boolean.FALSE, last.autoRenew());
        for (int i = 0; i < Subscription.MAX_HISTORY + 20; i++) {
            Instant at = T2.plusSeconds(i);
            s.observe(Views.of(i % 2 == 0 ? State.ON_HOLD : State.PAID, at).build(), PLAN, "n", at);
        }
        assertEquals(Subscription.MAX_HISTORY, s.history().size());
    }

    @Test
    void theHeadlineIsThePremiumSubscriptionThatLastsLongest() {
        Subscription lapsed = owned();
        lapsed.observe(Views.of(State.EXPIRED, T2).build(), PLAN, "n", T2);
        Subscription monthly = Subscription.open(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok"), List.of("tok"), T0);
        monthly.observe(Views.paid(T1, "GPA.1").build(), PLAN, "n", T1);
        Subscription yearly = Subscription.open(new SubscriptionKey(SubscriptionStore.TEST, "t-1"), List.of(), T0);
        yearly.observe(Views.of(State.PAID, T1).expires(T1.plus(Duration.ofDays(365))).build(), PLAN, "n", T1);
        assertEquals(yearly.key(), Subscription.headline(List.of(lapsed, monthly, yearly), T2).orElseThrow().key());
        assertEquals(lapsed.key(), Subscription.headline(List.of(lapsed), T2).orElseThrow().key());
        assertTrue(Subscription.headline(List.of(), T2).isEmpty());
    }

    @Test
    void theAccountCopyIsPendingAfterEveryChangeOfStatusOrOwnerUntilItIsMade() {
        Subscription s = fresh();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        assertFalse(s.copyPending(), "nobody's account to copy to");
        s.attach(ANN, null, T0);
        assertTrue(s.copyPending());
        assertTrue(s.copyDone());
        s.walletDone("tx-1", CreditState.DUE, 0, T0);
        assertFalse(s.copyPending(), "money moved, nothing the account shows");
        s.observe(Views.of(State.GRACE, T1).build(), PLAN, "n", T1);
        assertTrue(s.copyPending());
        s.copyDone();
        assertTrue(s.tidy("sweep", T2.plus(Duration.ofDays(30))));
        assertTrue(s.copyPending());
    }

    @Test
    void aStoredStateRestoresTheSameSubscription() {
        Subscription s = owned();
        s.observe(Views.paid(T0, "tx-1").build(), PLAN, "n", T0);
        s.observe(Views.of(State.GRACE, T1).build(), PLAN, "n", T1);
        Subscription copy = Subscription.restore(s.storedState());
        assertEquals(s.storedState(), copy.storedState());
        assertNull(Subscription.open(new SubscriptionKey(SubscriptionStore.TEST, "x"), List.of(), T0).owner().orElse(null));
    }
}

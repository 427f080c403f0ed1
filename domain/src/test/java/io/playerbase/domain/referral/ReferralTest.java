package io.playerbase.domain.referral;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referral's life: each step once, in order, and what is left for the recovery pass. */
class ReferralTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final Duration HOLD = Duration.ofDays(14);
    private static final UserId ANN = UserId.newId(NOW);
    private static final UserId BOB = UserId.newId(NOW);

    private static Referral redeemed() {
        return Referral.redeem(BOB, ANN, new ReferralCode("K7M2QX9P"), NOW);
    }

    private static Qualification match(Instant at) {
        return new Qualification(Qualification.Kind.MATCH, "m-1", at);
    }

    private static Qualification purchase(Instant at) {
        return new Qualification(Qualification.Kind.PURCHASE, "p-1", at);
    }

    @Test
    void aNewReferralIsPendingAndItsLinkIsWorkToDo() {
        Referral referral = redeemed();
        assertEquals(BOB, referral.id());
        assertEquals(ReferralState.PENDING, referral.state());
        assertEquals(NOW, referral.workAt());
        assertTrue(referral.markLinked(NOW));
        assertFalse(referral.markLinked(NOW));
        assertNull(referral.workAt(), "a linked pending referral waits for its referred account");
        assertThrows(IllegalArgumentException.class, () -> Referral.redeem(ANN, ANN, new ReferralCode("K7M2QX9P"), NOW));
    }

    @Test
    void theFirstQualificationCountsAndFixesTheAmounts() {
        Referral referral = redeemed();
        referral.markLinked(NOW);
        assertTrue(referral.qualify(match(NOW.plusSeconds(60)), 500, 200, HOLD, NOW.plusSeconds(60)));
        assertFalse(referral.qualify(purchase(NOW.plusSeconds(90)), 900, 900, HOLD, NOW.plusSeconds(90)));
        assertEquals(Qualification.Kind.MATCH, referral.qualification().orElseThrow().kind());
        assertEquals(500, referral.reward(Side.REFERRER).amount());
        assertEquals(200, referral.reward(Side.REFEREE).amount());
        assertTrue(referral.due(NOW.plusSeconds(60)), "a match's rewards are due at once");
        assertEquals(NOW.plusSeconds(60), referral.workAt());
    }

    @Test
    void aPurchasesRewardsWaitForTheHoldAndARefundMeanwhileCancelsThem() {
        Referral referral = redeemed();
        referral.markLinked(NOW);
        referral.qualify(purchase(NOW), 500, 200, HOLD, NOW);
        assertFalse(referral.due(NOW.plus(HOLD).minusMillis(1)));
        assertTrue(referral.due(NOW.plus(HOLD)));
        assertEquals(NOW.plus(HOLD), referral.workAt());
        assertTrue(referral.qualifiedByPurchase("p-1"));
        assertFalse(referral.qualifiedByPurchase("p-2"));

        assertTrue(referral.cancel("purchase-refunded", NOW.plusSeconds(5)));
        assertEquals(ReferralState.CANCELLED, referral.state());
        assertEquals(Optional.of("purchase-refunded"), referral.closeReason());
        assertNull(referral.workAt());
        assertFalse(referral.startPaying(NOW.plus(HOLD)), "nothing is paid after a cancellation");
    }

    @Test
    void onceItIsPayingARefundNoLongerCancels() {
        Referral referral = redeemed();
        referral.qualify(purchase(NOW), 500, 200, HOLD, NOW);
        assertTrue(referral.startPaying(NOW.plus(HOLD)));
        assertFalse(referral.cancel("purchase-refunded", NOW.plus(HOLD)));
        assertEquals(ReferralState.PAYING, referral.state());
    }

    @Test
    void theVelocityLimitDefersAndTheCapLeavesItUnrewarded() {
        Referral referral = redeemed();
        referral.qualify(match(NOW), 500, 200, HOLD, NOW);
        assertTrue(referral.deferUntil(NOW.plusSeconds(3600), NOW));
        assertFalse(referral.deferUntil(NOW.plusSeconds(60), NOW), "never earlier");
        assertFalse(referral.due(NOW.plusSeconds(3599)));
        assertTrue(referral.leaveUnrewarded("cap-reached", NOW.plusSeconds(3600)));
        assertEquals(ReferralState.UNREWARDED, referral.state());
        assertFalse(referral.startPaying(NOW.plusSeconds(3600)));
    }

    @Test
    void paymentSettlesEachSidePaidOrForfeitedAndLeavesNoWork() {
        Referral referral = redeemed();
        referral.markLinked(NOW);
        referral.qualify(match(NOW), 500, 0, HOLD, NOW);
        assertEquals(Reward.State.NONE, referral.reward(Side.REFEREE).state(), "nothing to pay");
        referral.startPaying(NOW);
        assertEquals(NOW, referral.workAt(), "a payment under way is work");
        assertTrue(referral.completePayment(Optional.of("account-deleted"), Optional.empty(), NOW.plusSeconds(1)));
        assertFalse(referral.completePayment(Optional.empty(), Optional.empty(), NOW.plusSeconds(2)));
        assertEquals(ReferralState.REWARDED, referral.state());
        assertEquals(Reward.State.FORFEITED, referral.reward(Side.REFERRER).state());
        assertEquals("account-deleted", referral.reward(Side.REFERRER).forfeitCode());
        assertEquals(Reward.State.NONE, referral.reward(Side.REFEREE).state());
        assertNull(referral.workAt());
        assertEquals("referral:" + BOB.value() + ":referrer", referral.operationId(Side.REFERRER));
        assertEquals(ANN, referral.account(Side.REFERRER));
        assertEquals(BOB, referral.account(Side.REFEREE));
    }

    @Test
    void aPaidSideIsReversedOnceAndOnlyAPaidOne() {
        Referral referral = redeemed();
        referral.qualify(match(NOW), 500, 200, HOLD, NOW);
        assertThrows(RuleViolation.class, () -> referral.requestReversal(Side.REFERRER, "fraud", null,
                Actor.system("r"), NOW), "not paid yet");
        referral.startPaying(NOW);
        referral.completePayment(Optional.empty(), Optional.empty(), NOW);
        referral.markLinked(NOW);

        assertTrue(referral.requestReversal(Side.REFEREE, "fraud", "self-referral", Actor.system("r-1"), NOW.plusSeconds(5)));
        assertFalse(referral.requestReversal(Side.REFEREE, "fraud", null, Actor.system("r-2"), NOW.plusSeconds(6)));
        assertEquals(NOW.plusSeconds(5), referral.workAt(), "a reversal under way is work");
        assertTrue(referral.abandonReversal(Side.REFEREE, NOW.plusSeconds(7)));
        assertEquals(Reward.State.PAID, referral.reward(Side.REFEREE).state(), "spent: it stays paid");
        assertTrue(referral.requestReversal(Side.REFEREE, "fraud", null, Actor.system("r-3"), NOW.plusSeconds(8)));
        assertTrue(referral.completeReversal(Side.REFEREE, NOW.plusSeconds(9)));
        assertFalse(referral.completeReversal(Side.REFEREE, NOW.plusSeconds(10)));
        assertEquals(Reward.State.REVERSED, referral.reward(Side.REFEREE).state());
        assertEquals(NOW.plusSeconds(9), referral.reward(Side.REFEREE).reversal().doneAt());
        assertFalse(referral.requestReversal(Side.REFEREE, "fraud", null, Actor.system("r-4"), NOW), "done already");
        assertNull(referral.workAt());
        assertEquals(Reward.State.PAID, referral.reward(Side.REFERRER).state());
    }
}

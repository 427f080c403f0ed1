package io.playerbase.domain.referral;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link ReferralAccounts} does: run on the in-memory fake, the embedded store and Testcontainers. */
public abstract class ReferralAccountsContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    protected ReferralAccounts accounts;

    protected abstract ReferralAccounts createAccounts();

    /** A new active human account with the referral module's defaults (no code yet). */
    protected abstract UserId newAccount(String username, Instant createdAt);

    protected abstract void suspend(UserId id);

    protected void closeAccounts() {
    }

    @BeforeEach
    void open() {
        accounts = createAccounts();
    }

    @AfterEach
    void close() {
        closeAccounts();
    }

    private static AuditEntry audit(UserId id, String action) {
        return AuditEntry.of(id, Actor.system("contract"), action, "referrals", List.of("referral_code"), NOW);
    }

    @Test
    void anAccountReadsWithItsStatusAgeAndModuleDefaults() {
        UserId ann = newAccount("ann", NOW);
        ReferralAccount account = accounts.find(ann).orElseThrow();
        assertEquals("ann", account.username());
        assertEquals(ReferralAccount.Status.ACTIVE, account.status());
        assertFalse(account.compPlayer());
        assertEquals(NOW, account.createdAt());
        assertNull(account.code());
        assertNull(account.referredBy());
        assertEquals(0, account.referralCount());
        assertEquals(0, account.rewardsEarned());
        suspend(ann);
        assertEquals(ReferralAccount.Status.SUSPENDED, accounts.find(ann).orElseThrow().status());
        assertTrue(accounts.find(UserId.newId(NOW)).isEmpty());
    }

    @Test
    void aCodeIsAssignedOnceAndAccountsWithoutOneAreListed() {
        UserId ann = newAccount("ann", NOW);
        UserId bob = newAccount("bob", NOW);
        assertTrue(accounts.withoutCode(1000).containsAll(List.of(ann, bob)));
        assertTrue(accounts.assignCode(ann, new ReferralCode("K7M2QX9P"), audit(ann, "referral.code_assigned")));
        assertFalse(accounts.assignCode(ann, new ReferralCode("ZZZZ2222"), audit(ann, "referral.code_assigned")));
        assertEquals("K7M2QX9P", accounts.find(ann).orElseThrow().code());
        assertFalse(accounts.withoutCode(1000).contains(ann));
        assertTrue(accounts.withoutCode(1000).contains(bob));

        assertTrue(accounts.disableCode(ann, audit(ann, "referral.code_disabled")));
        assertFalse(accounts.disableCode(ann, audit(ann, "referral.code_disabled")));
        assertTrue(accounts.find(ann).orElseThrow().codeDisabled());
    }

    @Test
    void referredByIsSetOnceAndTheCountOnlyGrows() {
        UserId ann = newAccount("ann", NOW);
        UserId bob = newAccount("bob", NOW);
        UserId cat = newAccount("cat", NOW);
        assertTrue(accounts.setReferredBy(bob, ann, audit(bob, "referral.redeemed")));
        assertFalse(accounts.setReferredBy(bob, cat, audit(bob, "referral.redeemed")));
        assertEquals(ann.value(), accounts.find(bob).orElseThrow().referredBy());

        assertTrue(accounts.raiseReferralCount(ann, 2, audit(ann, "referral.counted")));
        assertFalse(accounts.raiseReferralCount(ann, 1, audit(ann, "referral.counted")));
        assertFalse(accounts.raiseReferralCount(ann, 2, audit(ann, "referral.counted")));
        assertEquals(2, accounts.find(ann).orElseThrow().referralCount());
    }

    @Test
    void aRewardIsNotedOncePerOperation() {
        UserId ann = newAccount("ann", NOW);
        assertTrue(accounts.noteReward(ann, "referral:x:referrer", 500, audit(ann, "referral.rewarded")));
        assertFalse(accounts.noteReward(ann, "referral:x:referrer", 500, audit(ann, "referral.rewarded")));
        assertTrue(accounts.noteReward(ann, "reversal:referral:x:referrer", -500, audit(ann, "referral.reward_reversed")));
        assertTrue(accounts.noteReward(ann, "referral:y:referrer", 300, audit(ann, "referral.rewarded")));
        assertEquals(300, accounts.find(ann).orElseThrow().rewardsEarned());
    }

    @Test
    void slotsStopAtTheCapAndAreTakenOncePerReferral() {
        UserId ann = newAccount("ann", NOW);
        RewardLimits limits = new RewardLimits(2, 100, Duration.ofDays(1));
        UserId one = UserId.newId(NOW);
        UserId two = UserId.newId(NOW);
        assertInstanceOf(SlotOutcome.Claimed.class, accounts.claimRewardSlot(ann, one, limits, NOW));
        assertInstanceOf(SlotOutcome.Claimed.class, accounts.claimRewardSlot(ann, one, limits, NOW), "again: the same slot");
        assertInstanceOf(SlotOutcome.Claimed.class, accounts.claimRewardSlot(ann, two, limits, NOW));
        assertInstanceOf(SlotOutcome.CapReached.class, accounts.claimRewardSlot(ann, UserId.newId(NOW), limits, NOW));
        accounts.releaseRewardSlot(ann, two);
        assertInstanceOf(SlotOutcome.Claimed.class, accounts.claimRewardSlot(ann, UserId.newId(NOW), limits, NOW));
        assertInstanceOf(SlotOutcome.Unavailable.class, accounts.claimRewardSlot(UserId.newId(NOW), one, limits, NOW));
    }

    @Test
    void theVelocityLimitDefersUntilTheOldestSlotOfTheWindowAges() {
        UserId ann = newAccount("ann", NOW);
        RewardLimits limits = new RewardLimits(50, 2, Duration.ofHours(1));
        assertInstanceOf(SlotOutcome.Claimed.class, accounts.claimRewardSlot(ann, UserId.newId(NOW), limits, NOW));
        assertInstanceOf(SlotOutcome.Claimed.class,
                accounts.claimRewardSlot(ann, UserId.newId(NOW), limits, NOW.plusSeconds(600)));
        SlotOutcome third = accounts.claimRewardSlot(ann, UserId.newId(NOW), limits, NOW.plusSeconds(1200));
        assertEquals(new SlotOutcome.Deferred(NOW.plus(Duration.ofHours(1))), third);
        assertInstanceOf(SlotOutcome.Claimed.class,
                accounts.claimRewardSlot(ann, UserId.newId(NOW), limits, NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void sixteenConcurrentClaimsNeverPassTheCap() throws Exception {
        UserId ann = newAccount("ann", NOW);
        RewardLimits limits = new RewardLimits(5, 1000, Duration.ofDays(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SlotOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                UserId referral = UserId.newId(NOW);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return accounts.claimRewardSlot(ann, referral, limits, NOW);
                }));
            }
            start.countDown();
            int claimed = 0;
            for (Future<SlotOutcome> outcome : outcomes) {
                SlotOutcome result = outcome.get();
                claimed += result instanceof SlotOutcome.Claimed ? 1 : 0;
                assertTrue(result instanceof SlotOutcome.Claimed || result instanceof SlotOutcome.CapReached, result.toString());
            }
            assertEquals(5, claimed);
        } finally {
            pool.shutdownNow();
        }
    }
}

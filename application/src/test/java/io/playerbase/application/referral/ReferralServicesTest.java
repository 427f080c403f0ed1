package io.playerbase.application.referral;

import io.playerbase.application.referral.port.in.DisableReferralCodeUseCase;
import io.playerbase.application.referral.port.in.RedeemReferralCodeUseCase;
import io.playerbase.application.referral.port.in.ReferralLinkView;
import io.playerbase.application.referral.port.in.ReferralSummaryView;
import io.playerbase.application.referral.port.in.ReverseReferralRewardUseCase;
import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.application.wallet.WalletOperation;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralState;
import io.playerbase.domain.referral.Reward;
import io.playerbase.domain.referral.RewardLimits;
import io.playerbase.domain.referral.Side;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryPurchaseRepository;
import io.playerbase.domain.testing.InMemoryReferralAccounts;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.testing.PurchaseFixtures;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionKind;
import io.playerbase.domain.wallet.TransactionSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referral module's services on the domain's fakes: codes, redemption, qualification, rewards, limits. */
class ReferralServicesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWalletRepository wallets = new InMemoryWalletRepository();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final MoneyMovements movements = new MoneyMovements(wallets, ledger, clock);
    private final InMemoryPurchaseRepository purchases = new InMemoryPurchaseRepository();
    private final InMemoryReferralAccounts accounts = new InMemoryReferralAccounts();
    private ReferralTestModule module = module(ReferralTestModule.SETTINGS);

    private ReferralTestModule module(ReferralSettings settings) {
        return new ReferralTestModule(accounts, movements, purchases, settings, clock);
    }

    private static ReferralSettings limits(int cap, int velocity) {
        ReferralSettings s = ReferralTestModule.SETTINGS;
        return new ReferralSettings(s.redeemWindow(), s.referrerReward(), s.refereeReward(), true, true, s.purchaseHold(),
                new RewardLimits(cap, velocity, Duration.ofDays(1)), s.recoveryMinAge());
    }

    private UserId account(String name) {
        UserId id = wallets.addUser();
        accounts.add(id, name, false, clock.instant());
        return id;
    }

    private ReferralCode codeOf(UserId id) {
        return module.assignment.assign(id, Actor.system("test")).orElseThrow();
    }

    private Referral redeem(UserId referee, UserId referrer) {
        return module.redemption.redeem(referee, codeOf(referrer), Actor.player(referee, "req"));
    }

    private long balance(UserId id) {
        return wallets.find(id).orElseThrow().balance();
    }

    private long earned(UserId id) {
        return accounts.find(id).orElseThrow().rewardsEarned();
    }

    /** rewards_earned is what the ledger's referral entries add up to: credits minus reversals. */
    private long ledgerReferralTotal(UserId id) {
        long total = 0;
        for (LedgerEntry entry : ledger.oldestFirst(id, 0, 10_000)) {
            if (entry.source() == TransactionSource.REFERRAL) {
                total += entry.kind() == TransactionKind.REVERSAL ? -entry.amount().minorUnits() : entry.amount().minorUnits();
            }
        }
        return total;
    }

    private static String code(DomainException e) {
        return e.code();
    }

    @Test
    void everyAccountGetsOneCodeOfTheUnambiguousAlphabetAndKeepsIt() {
        UserId ann = account("ann");
        ReferralCode code = codeOf(ann);
        assertEquals(ReferralCode.LENGTH, code.value().length());
        assertEquals(code, codeOf(ann));
        assertEquals(code.value(), accounts.find(ann).orElseThrow().code());
        assertEquals(List.of(code), module.codes.ownedBy(ann));
        assertEquals(List.of("referral.code_assigned"), accounts.actions(ann));
    }

    @Test
    void aClaimLeftByACrashIsReusedAndARaceLeavesOneCode() {
        UserId ann = account("ann");
        ReferralCode leftOver = new ReferralCode("ABCD2345");
        module.codes.claim(leftOver, ann, NOW); // a crash after the claim, before the account showed it
        assertEquals(leftOver, codeOf(ann));

        UserId bob = account("bob");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ReferralCode>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> codeOf(bob)));
            }
            ReferralCode first = results.get(0).get();
            for (Future<ReferralCode> result : results) {
                assertEquals(first, result.get());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, module.codes.ownedBy(bob).size(), "the losers gave their claims back");
    }

    @Test
    void aRedemptionLinksBothAccountsOnce() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        Referral referral = redeem(bob, ann);
        assertEquals(ReferralState.PENDING, referral.state());
        assertTrue(referral.linked());
        assertEquals(ann.value(), accounts.find(bob).orElseThrow().referredBy());
        assertEquals(1, accounts.find(ann).orElseThrow().referralCount());
        assertEquals(0, balance(ann) + balance(bob), "no reward on redemption");

        ReferralSummaryView mine = module.queries.summary(ann, PageRequest.first(10));
        assertEquals(List.of("bob"), mine.referred().stream().map(ReferralLinkView::username).toList());
        assertEquals("ann", module.queries.summary(bob, PageRequest.first(10)).referredBy().username());
        assertNull(module.queries.summary(bob, PageRequest.first(10)).redeemableUntil(), "redeemed: closed");
        assertEquals(NOW.plus(Duration.ofDays(14)), mine.redeemableUntil());
    }

    @Test
    void theRulesAreCheckedWithTypedAnswersAndChangeNothing() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        ReferralCode annCode = codeOf(ann);
        Actor bobActor = Actor.player(bob, "req");

        assertEquals("referral-code-unknown", code(assertThrows(NotFound.class,
                () -> module.redemption.redeem(bob, new ReferralCode("NOSUCH22"), bobActor))));
        assertEquals("referral-own-code", code(assertThrows(RuleViolation.class,
                () -> module.redemption.redeem(ann, annCode, Actor.player(ann, "req")))));
        UserId robot = wallets.addUser();
        accounts.add(robot, "robot", true, NOW);
        assertEquals("referrer-computer-player", code(assertThrows(RuleViolation.class,
                () -> module.redemption.redeem(bob, codeOf(robot), bobActor))));
        UserId sue = account("sue");
        ReferralCode sueCode = codeOf(sue);
        accounts.setStatus(sue, ReferralAccount.Status.SUSPENDED);
        assertEquals("referrer-inactive", code(assertThrows(RuleViolation.class,
                () -> module.redemption.redeem(bob, sueCode, bobActor))));
        UserId dan = account("dan");
        ReferralCode danCode = codeOf(dan);
        module.disable.disable(new DisableReferralCodeUseCase.Command(dan, Actor.system("admin")));
        assertEquals("referral-code-disabled", code(assertThrows(RuleViolation.class,
                () -> module.redemption.redeem(bob, danCode, bobActor))));
        assertEquals(0, module.referrals.workDueBefore(NOW.plus(Duration.ofDays(365)), 10).size());
        assertTrue(module.referrals.find(bob).isEmpty(), "nothing was stored");

        clock.advance(Duration.ofDays(14).plusSeconds(1));
        assertEquals("referral-window-closed", code(assertThrows(RuleViolation.class,
                () -> module.redemption.redeem(bob, annCode, bobActor))));
        clock.set(NOW);
        redeem(bob, ann);
        assertEquals("referral-already-redeemed", code(assertThrows(RuleViolation.class,
                () -> module.redemption.redeem(bob, codeOf(dan), bobActor))));
    }

    @Test
    void ofSixteenConcurrentRedemptionsByOneAccountOneLinks() throws Exception {
        UserId ann = account("ann");
        UserId bob = account("bob");
        ReferralCode code = codeOf(ann);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        module.redeem.redeem(new RedeemReferralCodeUseCase.Command(bob, code, Actor.player(bob, "race")));
                        return "linked";
                    } catch (RuleViolation refused) {
                        return refused.code();
                    }
                }));
            }
            start.countDown();
            Map<String, Integer> seen = new HashMap<>();
            for (Future<String> outcome : outcomes) {
                seen.merge(outcome.get(), 1, Integer::sum);
            }
            assertEquals(Map.of("linked", 1, "referral-already-redeemed", 15), seen);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, accounts.find(ann).orElseThrow().referralCount());
    }

    @Test
    void aFirstMatchQualifiesAndBothSidesArePaidExactlyOnce() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        UserId cat = account("cat");
        redeem(bob, ann);
        module.qualification.matchApplied(List.of(bob, cat), "m-1", Actor.gameServer("pbk_x", "req"));
        module.qualification.matchApplied(List.of(bob, cat), "m-1", Actor.gameServer("pbk_x", "req"));
        module.qualification.matchApplied(List.of(bob), "m-2", Actor.gameServer("pbk_x", "req"));
        module.recovery.recover();

        Referral referral = module.referrals.find(bob).orElseThrow();
        assertEquals(ReferralState.REWARDED, referral.state());
        assertEquals("m-1", referral.qualification().orElseThrow().reference());
        assertEquals(500, balance(ann));
        assertEquals(200, balance(bob));
        assertEquals(0, balance(cat));
        assertEquals(500, earned(ann));
        assertEquals(200, earned(bob));
        assertEquals(earned(ann), ledgerReferralTotal(ann));
        assertEquals(earned(bob), ledgerReferralTotal(bob));
        assertEquals("referral:" + bob.value() + ":referrer",
                ledger.oldestFirst(ann, 0, 10).get(0).operationId().value());
    }

    @Test
    void aPurchasesRewardsWaitForTheHoldAndARefundMeanwhileCancelsThem() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        UserId cat = account("cat");
        redeem(bob, ann);
        redeem(cat, ann);
        Purchase bobs = purchase(bob, "tx-bob");
        Purchase cats = purchase(cat, "tx-cat");
        module.qualification.purchaseVerified(bob, bobs.id().value(), Actor.player(bob, "req"));
        module.qualification.purchaseVerified(cat, cats.id().value(), Actor.player(cat, "req"));
        module.recovery.recover();
        assertEquals(0, balance(ann), "held");

        clock.advance(Duration.ofDays(3));
        refund(cats);
        module.qualification.purchaseRefunded(cat, cats.id().value(), Actor.system("refund"));
        assertEquals(ReferralState.CANCELLED, module.referrals.find(cat).orElseThrow().state());

        clock.advance(Duration.ofDays(11).plusSeconds(31));
        module.recovery.recover();
        assertEquals(ReferralState.REWARDED, module.referrals.find(bob).orElseThrow().state());
        assertEquals(500, balance(ann), "bob's referral only");
        assertEquals(200, balance(bob));
        assertEquals(0, balance(cat));
        assertEquals(0, accounts.slotsTaken(ann) - 1, "the cancelled referral holds no slot");

        module.qualification.purchaseRefunded(bob, bobs.id().value(), Actor.system("late refund"));
        assertEquals(ReferralState.REWARDED, module.referrals.find(bob).orElseThrow().state(), "paid: a late refund changes nothing");
    }

    @Test
    void aRefundSeenOnlyWhenTheHoldEndsStillCancels() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        redeem(bob, ann);
        Purchase bobs = purchase(bob, "tx-bob");
        module.qualification.purchaseVerified(bob, bobs.id().value(), Actor.player(bob, "req"));
        refund(bobs); // the purchase is refunding; the hook has not run (a crash in between)
        clock.advance(Duration.ofDays(15));
        module.recovery.recover();
        assertEquals(ReferralState.CANCELLED, module.referrals.find(bob).orElseThrow().state());
        assertEquals(0, balance(ann) + balance(bob));
    }

    @Test
    void theCapHoldsUnderConcurrencyAndTheCountersMatchTheLedger() throws Exception {
        module = module(limits(3, 100));
        UserId ann = account("ann");
        List<UserId> referred = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UserId id = account("p" + i);
            redeem(id, ann);
            referred.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (UserId id : referred) {
                done.add(pool.submit(() -> {
                    start.await();
                    module.qualification.matchApplied(List.of(id), "m-" + id.value(), Actor.gameServer("pbk", "r"));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        module.recovery.recover();
        Map<ReferralState, Integer> states = new HashMap<>();
        for (UserId id : referred) {
            states.merge(module.referrals.find(id).orElseThrow().state(), 1, Integer::sum);
        }
        assertEquals(Map.of(ReferralState.REWARDED, 3, ReferralState.UNREWARDED, 7), states);
        assertEquals(1500, balance(ann));
        assertEquals(1500, earned(ann));
        assertEquals(earned(ann), ledgerReferralTotal(ann));
        assertEquals(10, accounts.find(ann).orElseThrow().referralCount());
    }

    @Test
    void theVelocityLimitDefersRewardsUntilTheWindowAllows() {
        module = module(limits(50, 2));
        UserId ann = account("ann");
        List<UserId> referred = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UserId id = account("p" + i);
            redeem(id, ann);
            referred.add(id);
            module.qualification.matchApplied(List.of(id), "m-" + i, Actor.gameServer("pbk", "r"));
        }
        assertEquals(1000, balance(ann));
        Referral third = module.referrals.find(referred.get(2)).orElseThrow();
        assertEquals(ReferralState.QUALIFIED, third.state());
        assertEquals(NOW.plus(Duration.ofDays(1)), third.payAt().orElseThrow());

        clock.advance(Duration.ofDays(1).plusSeconds(31));
        module.recovery.recover();
        assertEquals(1500, balance(ann));
        assertEquals(ReferralState.REWARDED, module.referrals.find(referred.get(2)).orElseThrow().state());
    }

    @Test
    void aCrashWhilePayingIsCompletedByTheRecoveryPassAndPaysOnce() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        redeem(bob, ann);
        // The write that closes the payment is lost twice: after the credits, and again on the first recovery.
        module.referrals.failUpdates(state -> state.state() == ReferralState.REWARDED, 2);
        module.qualification.matchApplied(List.of(bob), "m-1", Actor.gameServer("pbk", "r"));
        assertEquals(ReferralState.PAYING, module.referrals.find(bob).orElseThrow().state());
        assertEquals(700, balance(ann) + balance(bob), "the money moved before the crash");
        clock.advance(Duration.ofMinutes(1));
        module.recovery.recover();
        module.recovery.recover();
        assertEquals(ReferralState.REWARDED, module.referrals.find(bob).orElseThrow().state());
        assertEquals(500, balance(ann));
        assertEquals(200, balance(bob));
        assertEquals(500, earned(ann));
        assertEquals(1, ledger.oldestFirst(ann, 0, 10).size());
    }

    @Test
    void anAdminReversesAPaidSideOnceAndASpentRewardStaysPaid() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        redeem(bob, ann);
        module.qualification.matchApplied(List.of(bob), "m-1", Actor.gameServer("pbk", "r"));
        Actor admin = Actor.system("admin-req");
        ReverseReferralRewardUseCase.Command command = ReverseReferralRewardUseCase.Command.of(bob.value(), "referrer", "fraud",
                "Self-referral", admin);

        ReferralLinkView reversed = module.reverse.reverse(command);
        module.reverse.reverse(command);
        assertEquals(Reward.State.REVERSED.wire(), reversed.referrerReward().state());
        assertEquals(0, balance(ann));
        assertEquals(0, earned(ann));
        assertEquals(earned(ann), ledgerReferralTotal(ann));
        assertEquals(2, ledger.oldestFirst(ann, 0, 10).size(), "the credit and one reversal");

        movements.apply(new WalletOperation.Debit(bob, new Amount(200), new Movement(new OperationId("spend"),
                new ReasonCode("shop"), null, TransactionSource.GAME, admin)));
        RuleViolation spent = assertThrows(RuleViolation.class, () -> module.reverse.reverse(
                ReverseReferralRewardUseCase.Command.of(bob.value(), "referee", "fraud", null, admin)));
        assertEquals("insufficient-funds", spent.code());
        assertEquals(Reward.State.PAID, module.referrals.find(bob).orElseThrow().reward(Side.REFEREE).state());
        assertEquals(200, earned(bob));
        assertEquals("referral-not-found", code(assertThrows(NotFound.class, () -> module.reverse.reverse(
                ReverseReferralRewardUseCase.Command.of(ann.value(), "referee", "fraud", null, admin)))));
    }

    @Test
    void theWalletsOwnReversalEndpointCannotUndoAReferralReward() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        redeem(bob, ann);
        module.qualification.matchApplied(List.of(bob), "m-1", Actor.gameServer("pbk", "r"));
        OperationId reward = new OperationId("referral:" + bob.value() + ":referrer");
        RuleViolation refused = assertThrows(RuleViolation.class, () -> movements.apply(new WalletOperation.Reversal(ann, reward,
                new Movement(reward.reversal(), new ReasonCode("mistake"), null, TransactionSource.ADMIN, Actor.system("x")))));
        assertEquals("not-reversible", refused.code());
    }

    @Test
    void aDeletedReferrersSideIsForfeitedAndTheRefereeIsStillPaid() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        redeem(bob, ann);
        wallets.deleteAccount(ann);
        module.qualification.matchApplied(List.of(bob), "m-1", Actor.gameServer("pbk", "r"));
        Referral referral = module.referrals.find(bob).orElseThrow();
        assertEquals(ReferralState.REWARDED, referral.state());
        assertEquals(Reward.State.FORFEITED, referral.reward(Side.REFERRER).state());
        assertEquals("account-deleted", referral.reward(Side.REFERRER).forfeitCode());
        assertEquals(200, balance(bob));
        assertEquals(0, earned(ann));
    }

    @Test
    void theRecoveryPassAssignsMissingCodesAndCompletesInterruptedLinks() {
        UserId ann = account("ann");
        UserId bob = account("bob");
        ReferralCode code = codeOf(ann);
        // A redemption that stored the referral and then died before linking:
        module.referrals.insert(Referral.redeem(bob, ann, code, NOW));
        clock.advance(Duration.ofMinutes(1));
        int handled = module.recovery.recover();
        assertTrue(handled >= 2, "bob's code and the link");
        assertNotNull(accounts.find(bob).orElseThrow().code());
        assertEquals(ann.value(), accounts.find(bob).orElseThrow().referredBy());
        assertEquals(1, accounts.find(ann).orElseThrow().referralCount());
        assertTrue(module.referrals.find(bob).orElseThrow().linked());
    }

    @Test
    void linksOfTheOldSystemAreCountedOnTopOfItsCount() {
        UserId old = account("old");
        accounts.setLegacy(old, "REF1A", 5);
        module.codes.claim(new ReferralCode("REF1A"), old, NOW);
        UserId bob = account("bob");
        module.redemption.redeem(bob, new ReferralCode("ref1a"), Actor.player(bob, "req"));
        assertEquals(6, accounts.find(old).orElseThrow().referralCount());
    }

    private Purchase purchase(UserId owner, String transactionId) {
        Product coins = PurchaseFixtures.coinsProduct("coins_500", 500);
        return purchases.claim(Purchase.record(owner, PurchaseFixtures.verifiedTest(transactionId, "coins_500"), coins, clock.instant()));
    }

    private void refund(Purchase purchase) {
        Purchase stored = purchases.find(purchase.id()).orElseThrow();
        stored.markGranted(clock.instant());
        stored.startRefund(new Refund("admin", "chargeback", clock.instant()), clock.instant());
        purchases.update(stored);
    }
}

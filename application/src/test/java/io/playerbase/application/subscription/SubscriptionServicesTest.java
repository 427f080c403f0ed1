package io.playerbase.application.subscription;

import io.playerbase.application.subscription.port.in.GrantPremiumUseCase;
import io.playerbase.application.subscription.port.in.RevokePremiumUseCase;
import io.playerbase.application.subscription.port.in.SubscriptionDetailsView;
import io.playerbase.application.subscription.port.in.SubscriptionView;
import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.application.wallet.WalletOperation;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductDefinition;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.AppStoreFacts;
import io.playerbase.domain.subscription.AppStoreLifecycle;
import io.playerbase.domain.subscription.GooglePlayFacts;
import io.playerbase.domain.subscription.Plan;
import io.playerbase.domain.subscription.PurchaseTokenLinks;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionKey;
import io.playerbase.domain.subscription.SubscriptionPayloads;
import io.playerbase.domain.subscription.SubscriptionPeriod;
import io.playerbase.domain.subscription.SubscriptionStatus;
import io.playerbase.domain.subscription.SubscriptionStore;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryPremiumAccounts;
import io.playerbase.domain.testing.InMemoryProductCatalog;
import io.playerbase.domain.testing.InMemorySubscriptionRepository;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.LedgerVerifier;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionKind;
import io.playerbase.domain.wallet.TransactionSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscription services on the in-memory fakes: claims, notifications, money, copies, grants, the sweep. */
class SubscriptionServicesTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private static final Duration MONTH = Duration.ofDays(30);
    private static final String APPLE_SKU = "com.example.premium.monthly";
    private static final String GOOGLE_SKU = "premium_monthly";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryWalletRepository wallets = new InMemoryWalletRepository();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryProductCatalog catalog = new InMemoryProductCatalog();
    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    private final InMemoryPremiumAccounts accounts = new InMemoryPremiumAccounts();
    private final FakePayloads payloads = new FakePayloads();
    private final Map<String, String> links = new ConcurrentHashMap<>();
    private final PurchaseTokenLinks tokenLinks = token -> Optional.ofNullable(links.get(token));

    private final MoneyMovements movements = new MoneyMovements(wallets, ledger, clock);
    private final SubscriptionUpdates updates = new SubscriptionUpdates(subscriptions, accounts, movements, clock);
    private final SubscriptionLifecycle lifecycle = new SubscriptionLifecycle(subscriptions, updates, catalog, payloads,
            Optional.of(tokenLinks), clock);
    private final SubscriptionQueryService queries = new SubscriptionQueryService(subscriptions, accounts, clock);
    private final GrantPremiumService grants = new GrantPremiumService(accounts, subscriptions, queries, clock);
    private final RevokePremiumService revocations = new RevokePremiumService(accounts, subscriptions, queries, clock);
    private final SweepSubscriptionsService sweep = new SweepSubscriptionsService(subscriptions, updates, clock);
    private final Product premium;

    SubscriptionServicesTest() {
        premium = Product.create(new ProductId("premium_monthly"), new ProductDefinition("Premium", ProductKind.SUBSCRIPTION, 100L,
                "premium", Period.ofMonths(1), Map.of(Store.APP_STORE, APPLE_SKU, Store.GOOGLE_PLAY, GOOGLE_SKU, Store.TEST, GOOGLE_SKU)), T0);
        catalog.insert(premium);
    }

    /** Reads facts registered under the raw payload's text (the adapter parses JSON; tests need none). */
    private static final class FakePayloads implements SubscriptionPayloads {
        final Map<String, AppStoreFacts> apple = new ConcurrentHashMap<>();
        final Map<String, GooglePlayFacts> google = new ConcurrentHashMap<>();

        @Override
        public AppStoreFacts appStore(String transaction, String renewalInfo, String notification) {
            AppStoreFacts facts = notification != null && apple.containsKey(notification) ? apple.get(notification) : apple.get(transaction);
            if (facts == null) {
                throw new IllegalArgumentException("no facts for " + transaction);
            }
            return facts;
        }

        @Override
        public GooglePlayFacts googlePlay(String envelope) {
            return google.get(envelope);
        }
    }

    private UserId player() {
        UserId id = wallets.addUser();
        accounts.addUser(id);
        return id;
    }

    private static AppStoreFacts apple(String tx, Instant start, Integer status, Boolean autoRenew, Instant revoked, Instant grace) {
        return new AppStoreFacts(status, tx, "2000000001", APPLE_SKU, true, T0, start, start.plus(MONTH), revoked,
                revoked == null ? null : 0, true, "Sandbox", start, autoRenew, APPLE_SKU, grace, grace != null, null);
    }

    private VerifiedPurchase appleTransaction(AppStoreFacts facts) {
        String raw = "apple-tx:" + facts.transactionId() + ":" + facts.signedDate();
        payloads.apple.put(raw, facts);
        return new VerifiedPurchase(Store.APP_STORE, facts.transactionId(), facts.originalTransactionId(), APPLE_SKU,
                ProductKind.SUBSCRIPTION, 1, facts.purchaseDate(), facts.expiresDate(), null, "Sandbox",
                facts.revocationDate() == null ? VerifiedPurchase.StoreState.PURCHASED : VerifiedPurchase.StoreState.REVOKED,
                facts.revocationDate(), null, null, raw);
    }

    private StoreNotification appleNotification(String id, String type, String subtype, Instant sentAt, AppStoreFacts facts) {
        String raw = "apple-notification:" + id;
        payloads.apple.put(raw, facts);
        return new StoreNotification(Store.APP_STORE, id, type, subtype, sentAt, "Sandbox", appleTransaction(facts), null, raw);
    }

    private Purchase claim(UserId owner, VerifiedPurchase verified) {
        Purchase purchase = Purchase.record(owner, verified, premium, clock.instant());
        lifecycle.checkClaim(owner, verified);
        lifecycle.claimed(purchase, Actor.player(owner, "req"));
        return purchase;
    }

    private long balance(UserId user) {
        return wallets.find(user).orElseThrow().balance();
    }

    private List<LedgerEntry> entries(UserId user) {
        return ledger.all(user);
    }

    private void assertLedgerConsistent(UserId user) {
        LedgerVerifier verifier = new LedgerVerifier(wallets.find(user).orElseThrow());
        ledger.all(user).forEach(verifier::accept);
        assertTrue(verifier.finish().consistent(), "ledger explains balance and debt");
    }

    private Subscription stored() {
        return subscriptions.find(new SubscriptionKey(SubscriptionStore.APP_STORE, "2000000001")).orElseThrow();
    }

    @Test
    void aClaimedSubscriptionGrantsPremiumCreditsItsPeriodOnceAndCopiesItToTheAccount() {
        UserId ann = player();
        VerifiedPurchase bought = appleTransaction(apple("tx-1", T0, null, null, null, null));
        Purchase purchase = claim(ann, bought);
        claim(ann, bought);

        SubscriptionView view = queries.subscription(ann);
        assertTrue(view.premium());
        assertEquals("store", view.premiumSource());
        assertEquals("active", view.status());
        assertEquals("premium_monthly", view.plan());
        assertEquals("app_store", view.store());
        assertEquals(T0.plus(MONTH), view.expiresAt());
        assertTrue(queries.premium(ann));
        assertEquals(100, balance(ann));
        assertEquals(1, entries(ann).size());
        assertEquals("subscription:app_store:tx-1", entries(ann).get(0).operationId().value());
        assertEquals(purchase.id().value(), stored().sourcePurchaseId().orElseThrow());

        var copy = accounts.find(ann).orElseThrow().summary();
        assertEquals(SubscriptionStatus.ACTIVE, copy.status());
        assertEquals(purchase.id().value(), copy.sourcePurchaseId());
        assertEquals("subscription.updated", accounts.audit().get(0).action());
        assertFalse(stored().copyPending());

        clock.set(T0.plus(MONTH).minusMillis(1));
        assertTrue(queries.premium(ann));
        clock.set(T0.plus(MONTH));
        assertFalse(queries.premium(ann), "over at its expiry, with no notification and no sweep");
        assertEquals("expired", queries.subscription(ann).status());
    }

    @Test
    void renewalsAreCreditedOncePerPeriodHoweverOftenTheyAreDelivered() {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        Instant renewed = T0.plus(MONTH);
        StoreNotification renewal = appleNotification("n-2", "DID_RENEW", null, renewed, apple("tx-2", renewed, 1, true, null, null));
        clock.set(renewed.plusSeconds(5));
        assertEquals(Optional.of("subscription:active"), lifecycle.notified(renewal));
        assertEquals(Optional.of("subscription:active"), lifecycle.notified(renewal));
        Instant again = renewed.plus(MONTH);
        clock.set(again.plusSeconds(5));
        lifecycle.notified(appleNotification("n-3", "DID_RENEW", null, again, apple("tx-3", again, 1, true, null, null)));
        assertEquals(300, balance(ann));
        assertEquals(Set.of("subscription:app_store:tx-1", "subscription:app_store:tx-2", "subscription:app_store:tx-3"),
                entries(ann).stream().map(e -> e.operationId().value()).collect(Collectors.toSet()));
        assertEquals(3, entries(ann).size());
        assertTrue(queries.premium(ann));
        assertEquals(again.plus(MONTH), queries.subscription(ann).expiresAt());
    }

    @Test
    void aNotificationForAPurchaseNobodyClaimedYetIsKeptAndAppliedWhenItArrives() {
        Instant renewed = T0.plus(MONTH);
        clock.set(renewed);
        Optional<String> outcome = lifecycle.notified(appleNotification("n-1", "DID_RENEW", null, renewed,
                apple("tx-2", renewed, 1, true, null, null)));
        assertEquals(Optional.of("subscription:kept-until-claimed"), outcome);
        assertEquals(SubscriptionStatus.ACTIVE, stored().status());
        assertTrue(stored().owner().isEmpty());

        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        assertTrue(queries.premium(ann));
        assertEquals(renewed.plus(MONTH), queries.subscription(ann).expiresAt(), "the older transaction does not undo the renewal");
        assertEquals(200, balance(ann), "both periods, once each");
    }

    @Test
    void anotherAccountCannotClaimATransactionOfSomeoneElsesSubscription() {
        UserId ann = player();
        UserId bob = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        VerifiedPurchase renewal = appleTransaction(apple("tx-2", T0.plus(MONTH), null, null, null, null));
        Conflict refused = assertThrows(Conflict.class, () -> claim(bob, renewal));
        assertEquals("purchase-already-claimed", refused.code());
        assertEquals(0, balance(bob));
        assertFalse(queries.premium(bob));
        assertEquals(ann, stored().owner().orElseThrow());
    }

    @Test
    void googleChainsAreFollowedBackOverSeveralHopsToOneSubscription() {
        UserId ann = player();
        GooglePlayFacts first = new GooglePlayFacts("tok-1", null, "SUBSCRIPTION_STATE_ACTIVE", GOOGLE_SKU, T0, T0.plus(MONTH),
                true, "GPA.1..0", true, null, "Production");
        payloads.google.put("env-1", first);
        VerifiedPurchase bought = new VerifiedPurchase(Store.GOOGLE_PLAY, "GPA.1..0", "tok-1", GOOGLE_SKU, ProductKind.SUBSCRIPTION, 1,
                T0, T0.plus(MONTH), true, "Production", VerifiedPurchase.StoreState.PURCHASED, null, null, null, "env-1");
        claim(ann, bought);

        links.put("tok-3", "tok-2");
        links.put("tok-2", "tok-1");
        Instant upgraded = T0.plus(Duration.ofDays(10));
        clock.set(upgraded.plusSeconds(1));
        GooglePlayFacts third = new GooglePlayFacts("tok-3", "tok-2", "SUBSCRIPTION_STATE_ACTIVE", GOOGLE_SKU, T0,
                upgraded.plus(MONTH), true, "GPA.3..0", true, null, "Production");
        payloads.google.put("env-3", third);
        VerifiedPurchase reRead = new VerifiedPurchase(Store.GOOGLE_PLAY, "GPA.3..0", "tok-3", GOOGLE_SKU, ProductKind.SUBSCRIPTION, 1,
                T0, upgraded.plus(MONTH), true, "Production", VerifiedPurchase.StoreState.PURCHASED, null, "tok-2", null, "env-3");
        lifecycle.notified(new StoreNotification(Store.GOOGLE_PLAY, "m-1", "SUBSCRIPTION_PURCHASED", null, upgraded, "Production",
                reRead, null, "{}"));

        Subscription chain = subscriptions.findByToken(SubscriptionStore.GOOGLE_PLAY, "tok-3").orElseThrow();
        assertEquals(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-1"), chain.key());
        assertEquals(List.of("tok-1", "tok-2", "tok-3"), chain.tokens(), "the new tokens joined the chain, oldest first");
        assertEquals(1, subscriptions.forUser(ann).size());
        assertEquals(upgraded.plus(MONTH), queries.subscription(ann).expiresAt());
        assertEquals(200, balance(ann));
    }

    @Test
    void aChainNobodyClaimedIsStartedAtItsFirstTokenSoTheLaterClaimFindsIt() {
        links.put("tok-b", "tok-a");
        GooglePlayFacts b = new GooglePlayFacts("tok-b", "tok-a", "SUBSCRIPTION_STATE_ACTIVE", GOOGLE_SKU, T0, T0.plus(MONTH),
                true, "GPA.b", true, null, "Production");
        payloads.google.put("env-b", b);
        VerifiedPurchase reRead = new VerifiedPurchase(Store.GOOGLE_PLAY, "GPA.b", "tok-b", GOOGLE_SKU, ProductKind.SUBSCRIPTION, 1,
                T0, T0.plus(MONTH), true, "Production", VerifiedPurchase.StoreState.PURCHASED, null, "tok-a", null, "env-b");
        assertEquals(Optional.of("subscription:kept-until-claimed"), lifecycle.notified(new StoreNotification(Store.GOOGLE_PLAY,
                "m-1", "SUBSCRIPTION_PURCHASED", null, T0, "Production", reRead, null, "{}")));
        assertEquals(List.of("tok-a", "tok-b"), subscriptions.findByToken(SubscriptionStore.GOOGLE_PLAY, "tok-b").orElseThrow().tokens());

        UserId ann = player();
        claim(ann, reRead);
        assertEquals(1, subscriptions.forUser(ann).size());
        assertTrue(queries.premium(ann));
        assertEquals(new SubscriptionKey(SubscriptionStore.GOOGLE_PLAY, "tok-a"), subscriptions.forUser(ann).get(0).key());
    }

    @Test
    void theSameNotificationDeliveredSixteenTimesAtOnceCreditsOnce() throws Exception {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        Instant renewed = T0.plus(MONTH);
        clock.set(renewed.plusSeconds(1));
        StoreNotification renewal = appleNotification("n-2", "DID_RENEW", null, renewed, apple("tx-2", renewed, 1, true, null, null));
        runConcurrently(16, i -> lifecycle.notified(renewal));
        assertEquals(200, balance(ann));
        assertEquals(2, entries(ann).size());
        assertEquals(2, stored().history().size(), "the claim and the renewal");
        assertTrue(stored().walletWork().isEmpty());
        assertLedgerConsistent(ann);
    }

    @Test
    void aRenewalRacingARefundEndsInOneStateWithoutDoubleCredit() throws Exception {
        for (int round = 0; round < 10; round++) {
            SubscriptionServicesTest fresh = new SubscriptionServicesTest();
            fresh.raceRenewalAndRefund();
        }
    }

    private void raceRenewalAndRefund() throws Exception {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        Instant renewed = T0.plus(MONTH);
        Instant refunded = renewed.plus(Duration.ofDays(2));
        clock.set(refunded.plusSeconds(1));
        StoreNotification renewal = appleNotification("n-renew", "DID_RENEW", null, renewed, apple("tx-2", renewed, 1, true, null, null));
        StoreNotification refund = appleNotification("n-refund", "REFUND", null, refunded, apple("tx-2", renewed, 5, true, refunded, null));
        runConcurrently(16, i -> lifecycle.notified(i % 2 == 0 ? renewal : refund));

        Subscription s = stored();
        assertEquals(SubscriptionStatus.EXPIRED, s.status());
        assertEquals("refund", s.revocationReason().orElseThrow());
        assertFalse(queries.premium(ann));
        SubscriptionPeriod second = s.periods().stream().filter(p -> p.transactionId().equals("tx-2")).findFirst().orElseThrow();
        assertTrue(second.state() == SubscriptionPeriod.CreditState.NONE || second.state() == SubscriptionPeriod.CreditState.REFUNDED,
                second.toString());
        assertEquals(100, balance(ann), "the first period's credits only");
        long credits = entries(ann).stream().filter(e -> e.kind() == TransactionKind.CREDIT).count();
        long owed = entries(ann).stream().filter(e -> e.kind() == TransactionKind.DEBT).count();
        assertTrue(credits - owed == 1 && owed <= 1, "one credit per period, taken back at most once: " + entries(ann));
        assertLedgerConsistent(ann);
    }

    @Test
    void aRefundOfAPeriodAlreadySpentLeavesADebtByTheWalletsRule() {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        movements.apply(new WalletOperation.Debit(ann, new Amount(60), new Movement(new OperationId("spend"),
                new ReasonCode("shop"), null, TransactionSource.ADMIN, Actor.system("t"))));
        Instant refunded = T0.plus(Duration.ofDays(3));
        clock.set(refunded);
        lifecycle.notified(appleNotification("n-r", "REFUND", null, refunded, apple("tx-1", T0, null, true, refunded, null)));
        assertEquals(0, balance(ann));
        assertEquals(60, wallets.find(ann).orElseThrow().debt());
        assertLedgerConsistent(ann);
    }

    @Test
    void aReversedRefundCreditsThePeriodAgainOnceAndALaterRefundTakesThatBack() {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        Instant refunded = T0.plus(Duration.ofDays(3));
        Instant reversed = refunded.plus(Duration.ofDays(1));
        Instant refundedAgain = reversed.plus(Duration.ofDays(1));
        clock.set(refundedAgain.plusSeconds(1));
        lifecycle.notified(appleNotification("n-r1", "REFUND", null, refunded, apple("tx-1", T0, null, true, refunded, null)));
        assertEquals(0, balance(ann));
        StoreNotification reversal = appleNotification("n-rr", "REFUND_REVERSED", null, reversed, apple("tx-1", T0, 1, true, null, null));
        lifecycle.notified(reversal);
        lifecycle.notified(reversal);
        assertEquals(100, balance(ann), "credited again, once");
        assertTrue(entries(ann).stream().anyMatch(e -> e.operationId().value().equals("subscription-reinstate:app_store:tx-1:1")));
        lifecycle.notified(appleNotification("n-r2", "REFUND", null, refundedAgain,
                apple("tx-1", T0, null, true, refundedAgain, null)));
        assertEquals(0, balance(ann));
        assertTrue(entries(ann).stream().anyMatch(e -> e.operationId().value().equals("subscription-refund:app_store:tx-1:1")));
        assertEquals(0, wallets.find(ann).orElseThrow().debt());
        assertLedgerConsistent(ann);
    }

    @Test
    void aRefundDeliveredAfterTheReversalThatUndidItMovesNothing() throws Exception {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        Instant refunded = T0.plus(Duration.ofDays(3));
        Instant reversed = refunded.plus(Duration.ofDays(1));
        clock.set(reversed.plusSeconds(1));
        StoreNotification refund = appleNotification("n-r", "REFUND", null, refunded, apple("tx-1", T0, null, true, refunded, null));
        StoreNotification reversal = appleNotification("n-rr", "REFUND_REVERSED", null, reversed, apple("tx-1", T0, 1, true, null, null));
        runConcurrently(16, i -> lifecycle.notified(i < 8 ? reversal : refund));
        assertEquals(100, balance(ann), "the store's latest word on the period: paid");
        assertTrue(queries.premium(ann));
        assertLedgerConsistent(ann);
    }

    @Test
    void aGrantAddsPremiumWithoutHidingTheStoreAndARevocationEndsOnlyTheGrant() {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        clock.set(T0.plus(MONTH).plusSeconds(1));
        assertFalse(queries.premium(ann));
        Actor admin = new Actor("650000000000000000000f01", Actor.ActorRole.ADMIN, "req-g");
        SubscriptionDetailsView granted = grants.grant(new GrantPremiumUseCase.Command(ann, "goodwill",
                clock.instant().plus(Duration.ofDays(7)), admin));
        assertTrue(granted.current().premium());
        assertEquals("grant", granted.current().premiumSource());
        assertEquals("expired", granted.current().status(), "the store's state stays visible");
        assertEquals(1, granted.grants().size());
        assertTrue(granted.grants().get(0).active());
        assertEquals("subscription.premium_granted", accounts.audit().get(accounts.audit().size() - 1).action());
        assertTrue(accounts.find(ann).orElseThrow().summary().grantedUntil() != null);

        SubscriptionDetailsView revoked = revocations.revoke(new RevokePremiumUseCase.Command(ann, "mistake", admin));
        assertFalse(revoked.current().premium());
        assertFalse(revoked.grants().get(0).active());
        assertEquals(SubscriptionStatus.EXPIRED, stored().statusAt(clock.instant()));
        assertEquals("no-active-grant", assertThrows(RuleViolation.class,
                () -> revocations.revoke(new RevokePremiumUseCase.Command(ann, "mistake", admin))).code());
        assertThrows(NotFound.class, () -> grants.grant(new GrantPremiumUseCase.Command(UserId.newId(T0), "goodwill",
                clock.instant().plusSeconds(60), admin)));
    }

    @Test
    void theSweepTidiesStatusesAndFinishesWhatACrashLeftPending() {
        UserId ann = player();
        claim(ann, appleTransaction(apple("tx-1", T0, null, null, null, null)));
        Subscription s = stored();
        // A crash after the renewal was recorded, before its money moved and its copy was made:
        s.observe(AppStoreLifecycle.view("DID_RENEW", null, T0.plus(MONTH), apple("tx-2", T0.plus(MONTH), 1, true, null, null)),
                new Plan("premium_monthly", 100), "notification:n", T0.plus(MONTH));
        subscriptions.update(s);
        assertEquals(100, balance(ann));
        clock.set(T0.plus(MONTH).plus(MONTH).plusSeconds(1));
        assertFalse(queries.premium(ann));
        assertEquals(1, sweep.sweep());
        assertEquals(200, balance(ann));
        assertEquals(SubscriptionStatus.EXPIRED, stored().status());
        assertFalse(stored().copyPending());
        assertEquals(SubscriptionStatus.EXPIRED, accounts.find(ann).orElseThrow().summary().status());
        assertEquals(0, sweep.sweep(), "nothing left");
    }

    @Test
    void theTestStoreSellsOnePeriodThatDoesNotRenew() {
        UserId ann = player();
        VerifiedPurchase receipt = new VerifiedPurchase(Store.TEST, "t-1", "t-1", GOOGLE_SKU, ProductKind.SUBSCRIPTION, 1, T0, null, null,
                "Test", VerifiedPurchase.StoreState.PURCHASED, null, null, null, "{}");
        claim(ann, receipt);
        SubscriptionView view = queries.subscription(ann);
        assertTrue(view.premium());
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), view.expiresAt(), "one month after its purchase");
        assertFalse(view.autoRenew());
        assertEquals("test", view.store());
    }

    @Test
    void anAccountWithoutSubscriptionIsFreeAndAnUnknownOneIsNotFound() {
        UserId ann = player();
        SubscriptionView view = queries.subscription(ann);
        assertEquals("free", view.plan());
        assertEquals("none", view.status());
        assertFalse(view.premium());
        assertNull(view.premiumSource());
        assertThrows(NotFound.class, () -> queries.subscription(UserId.newId(T0)));
        assertFalse(queries.premium(UserId.newId(T0)));
        assertEquals(Optional.empty(), lifecycle.notified(new StoreNotification(Store.APP_STORE, "n-x", "TEST", null, T0,
                "Sandbox", null, null, "{}")));
    }

    private interface Task {
        void run(int i) throws Exception;
    }

    private static void runConcurrently(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    start.await();
                    task.run(n);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

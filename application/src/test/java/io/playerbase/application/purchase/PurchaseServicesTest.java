package io.playerbase.application.purchase;

import io.playerbase.application.referral.ReferralTestModule;
import io.playerbase.application.purchase.port.in.ClaimPurchaseUseCase;
import io.playerbase.application.purchase.port.in.CreateProductUseCase;
import io.playerbase.application.purchase.port.in.PurchaseView;
import io.playerbase.application.purchase.port.in.RefundPurchaseUseCase;
import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryProductCatalog;
import io.playerbase.domain.testing.InMemoryPurchaseModule;
import io.playerbase.domain.testing.InMemoryPurchaseRepository;
import io.playerbase.domain.testing.InMemoryStoreNotificationLog;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.testing.PurchaseFixtures;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.LedgerVerifier;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionKind;
import io.playerbase.domain.wallet.TransactionSource;
import io.playerbase.domain.wallet.Wallet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import io.playerbase.application.wallet.WalletOperation;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.shared.InvalidValue;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurchaseServicesTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWalletRepository wallets = new InMemoryWalletRepository();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryProductCatalog catalog = new InMemoryProductCatalog();
    private final InMemoryPurchaseRepository purchases = new InMemoryPurchaseRepository();
    private final InMemoryPurchaseModule module = new InMemoryPurchaseModule();
    private final InMemoryStoreNotificationLog notificationLog = new InMemoryStoreNotificationLog();
    private final FakeStores.Receipts testStore = new FakeStores.Receipts(Store.TEST);
    private final FakeStores.Notifications appStoreNotifications = new FakeStores.Notifications(Store.APP_STORE);
    private final FakeStores.Receipts appStore = new FakeStores.Receipts(Store.APP_STORE);
    private final FakeStores.Metrics metrics = new FakeStores.Metrics();
    private final AtomicBoolean production = new AtomicBoolean(false);
    private final StoreVerifiers verifiers = new StoreVerifiers(List.of(testStore, appStore),
            List.of(appStoreNotifications), production::get);

    private final Instance one = new Instance();

    /** One service instance: its own money movements and services over the shared stores. */
    private final class Instance {
        final MoneyMovements movements = new MoneyMovements(wallets, ledger, clock);
        final PurchaseCompletion completion = new PurchaseCompletion(purchases, module, movements,
                ReferralTestModule.empty(clock).qualification, clock);
        final ClaimPurchaseService claim = new ClaimPurchaseService(verifiers, catalog, purchases, notificationLog,
                module, completion, metrics, new FakeStores.NoSubscriptions(), clock);
        final RefundPurchaseService refund = new RefundPurchaseService(purchases, completion, metrics, clock);
        final HandleStoreNotificationService notifications = new HandleStoreNotificationService(verifiers,
                notificationLog, purchases, completion, metrics, new FakeStores.NoSubscriptions(), clock);
        final RecoverPurchasesService recovery = new RecoverPurchasesService(purchases, completion, notificationLog,
                notifications, clock);
    }

    PurchaseServicesTest() {
        new CreateProductService(catalog, clock).create(CreateProductUseCase.Command.of("coins_500", "500 coins",
                "credits_pack", 500L, null, null, Map.of("test", "coins_500", "app_store", "com.example.coins500")));
    }

    private ClaimPurchaseUseCase.Command claim(UserId user, PurchaseProof proof) {
        Actor actor = Actor.player(user, "req");
        return switch (proof) {
            case PurchaseProof.TestReceipt r -> ClaimPurchaseUseCase.Command.of(user, "test", null, null, null, r.receipt(), actor);
            case PurchaseProof.AppStoreSignedTransaction t ->
                    ClaimPurchaseUseCase.Command.of(user, "app_store", t.signedTransaction(), null, null, null, actor);
            case PurchaseProof.GooglePlayToken g ->
                    ClaimPurchaseUseCase.Command.of(user, "google_play", null, g.sku(), g.purchaseToken(), null, actor);
        };
    }

    private PurchaseProof receipt(String transactionId) {
        return testStore.issue("receipt-" + transactionId, PurchaseFixtures.verifiedTest(transactionId, "coins_500"));
    }

    private long balance(UserId user) {
        return wallets.find(user).orElseThrow().balance();
    }

    private long debt(UserId user) {
        return wallets.find(user).orElseThrow().debt();
    }

    private void assertLedgerConsistent(UserId user) {
        LedgerVerifier verifier = new LedgerVerifier(wallets.find(user).orElseThrow());
        ledger.all(user).forEach(verifier::accept);
        assertTrue(verifier.finish().consistent(), "ledger explains balance and debt");
    }

    @Test
    void aVerifiedPurchaseIsRecordedAndGrantedOnceHoweverOftenItIsSent() {
        UserId ann = wallets.addUser();
        PurchaseProof proof = receipt("tx-1");
        PurchaseView first = one.claim.claim(claim(ann, proof));
        PurchaseView again = one.claim.claim(claim(ann, proof));

        assertEquals("granted", first.status());
        assertEquals(500, first.credits());
        assertEquals("coins_500", first.productId());
        assertEquals(first.id(), again.id());
        assertEquals(500, balance(ann));
        assertEquals(1, ledger.all(ann).size());
        assertEquals("purchase:test:tx-1", ledger.all(ann).get(0).operationId().value());
        assertEquals(TransactionSource.PURCHASE, ledger.all(ann).get(0).source());
        assertEquals(1, module.counters(ann).totalPurchases());
        assertEquals(List.of("purchase.verified", "purchase.granted"), module.actions(ann), "a retry audits nothing new");
        assertEquals(2, testStore.acknowledged.size(), "acknowledged after each durable grant");
        assertTrue(metrics.events.contains("verified:test"));
        assertLedgerConsistent(ann);
    }

    @Test
    void theSameReceiptFromAnotherPlayerIsRefusedAndTheFirstOwnerKeepsIt() {
        UserId ann = wallets.addUser();
        UserId bob = wallets.addUser();
        PurchaseProof proof = receipt("tx-2");
        one.claim.claim(claim(ann, proof));
        Conflict refused = assertThrows(Conflict.class, () -> one.claim.claim(claim(bob, proof)));
        assertEquals("purchase-already-claimed", refused.code());
        assertEquals(500, balance(ann));
        assertEquals(0, balance(bob));
        assertEquals(1, purchases.size());
        assertEquals(List.of("purchase.refused"), module.actions(bob));
        assertTrue(metrics.events.contains("refused:test:purchase-already-claimed"));
    }

    @Test
    void sixteenConcurrentClaimsOnTwoInstancesGrantOnce() throws Exception {
        Instance two = new Instance();
        UserId ann = wallets.addUser();
        UserId bob = wallets.addUser();
        PurchaseProof proof = receipt("tx-race");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Instance instance = i % 2 == 0 ? one : two;
                UserId who = i % 4 == 3 ? bob : ann;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return instance.claim.claim(claim(who, proof)).id() + ":" + who;
                    } catch (Conflict e) {
                        return e.code() + ":" + who;
                    }
                }));
            }
            start.countDown();
            Set<String> outcomes = new HashSet<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            assertEquals(1, purchases.size());
            Purchase stored = purchases.findByStoreTransaction(Store.TEST, "tx-race").orElseThrow();
            UserId owner = stored.owner();
            UserId other = owner.equals(ann) ? bob : ann;
            assertEquals(Set.of(stored.id().value() + ":" + owner, "purchase-already-claimed:" + other), outcomes);
            assertEquals(500, balance(owner));
            assertEquals(0, balance(other));
            assertEquals(1, ledger.all(owner).size());
            assertEquals(PurchaseStatus.GRANTED, stored.status());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCrashBetweenTheWritesIsFinishedByARetryOrTheRecoveryPass() {
        UserId ann = wallets.addUser();
        UserId bob = wallets.addUser();
        // Recorded, then the process died before the credit: the same claim again finishes it.
        Purchase recorded = purchases.claim(Purchase.record(ann, PurchaseFixtures.verifiedTest("tx-c1", "coins_500"),
                catalog.findBySku(Store.TEST, "coins_500").orElseThrow(), NOW));
        assertEquals(PurchaseStatus.GRANTING, recorded.status());
        assertEquals("granted", one.claim.claim(claim(ann, receipt("tx-c1"))).status());
        assertEquals(500, balance(ann));

        // Credited, then the process died before the purchase was marked: the recovery pass finishes it.
        Purchase credited = purchases.claim(Purchase.record(bob, PurchaseFixtures.verifiedTest("tx-c2", "coins_500"),
                catalog.findBySku(Store.TEST, "coins_500").orElseThrow(), NOW));
        one.movements.apply(new WalletOperation.PurchaseGrant(bob, new Amount(500),
                new Movement(new OperationId(credited.grantOperationId()), new ReasonCode("purchase"),
                        "purchase coins_500", TransactionSource.PURCHASE, Actor.player(bob, "req"))));
        assertEquals(0, one.recovery.recover(), "too recent: a request may still be running");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, one.recovery.recover());
        assertEquals(500, balance(bob));
        assertEquals(1, ledger.all(bob).size());
        assertEquals(PurchaseStatus.GRANTED, purchases.find(credited.id()).orElseThrow().status());
        assertEquals(0, one.recovery.recover());
    }

    @Test
    void aRefundOfSpentCreditsTakesWhatIsThereAndLaterCreditsRepayTheRest() {
        UserId ann = wallets.addUser();
        PurchaseView bought = one.claim.claim(claim(ann, receipt("tx-r1")));
        wallets.find(ann).orElseThrow();
        new MoneyMovements(wallets, ledger, clock).apply(
                new WalletOperation.Debit(ann, new Amount(400),
                        new Movement(new OperationId("spend-1"), new ReasonCode("shop"), null, TransactionSource.GAME,
                                Actor.player(ann, "req"))));
        Actor admin = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-admin");
        RefundPurchaseUseCase.Command refund = RefundPurchaseUseCase.Command.of(bought.id(), "chargeback", admin);

        PurchaseView refunded = one.refund.refund(refund);
        assertEquals("refunded", refunded.status());
        assertEquals("admin", refunded.refundedBy());
        assertEquals(0, balance(ann));
        assertEquals(400, debt(ann));
        assertEquals("refunded", one.refund.refund(refund).status(), "a repeated refund answers the same");
        assertEquals(400, debt(ann));
        assertEquals(List.of(TransactionKind.CREDIT, TransactionKind.DEBIT, TransactionKind.DEBT, TransactionKind.DEBIT),
                ledger.all(ann).stream().map(LedgerEntry::kind).toList());

        one.claim.claim(claim(ann, receipt("tx-r2")));
        assertEquals(100, balance(ann), "the next 500 credits repay the 400 owed first");
        assertEquals(0, debt(ann));
        assertLedgerConsistent(ann);
        assertTrue(module.actions(ann).contains("purchase.refunded"));
        assertEquals(2, module.counters(ann).totalPurchases(), "refunded purchases stay counted");
    }

    private StoreNotification notification(String id, String type, VerifiedPurchase purchase, Instant sentAt) {
        return new StoreNotification(Store.APP_STORE, id, type, null, sentAt, "Sandbox", purchase, null, "{}");
    }

    private NotificationDelivery appleSays(String id, String type, VerifiedPurchase purchase, Instant sentAt) {
        return appStoreNotifications.issue("body-" + id, notification(id, type, purchase, sentAt));
    }

    private VerifiedPurchase boughtOnTheAppStore(UserId owner, String transactionId) {
        VerifiedPurchase verified = PurchaseFixtures.verified(Store.APP_STORE, transactionId, "com.example.coins500",
                ProductKind.CREDITS_PACK);
        one.claim.claim(claim(owner, appStore.issue("jws-" + transactionId, verified)));
        return verified;
    }

    @Test
    void storeRefundNotificationsApplyOnceAndEverythingIsLogged() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = boughtOnTheAppStore(ann, "2000001");
        assertEquals(500, balance(ann));

        VerifiedPurchase revoked = PurchaseFixtures.revoked(verified, NOW.plusSeconds(3));
        NotificationDelivery refund = appleSays("uuid-1", "REFUND", revoked, NOW.plusSeconds(5));
        NotificationDelivery revoke = appleSays("uuid-2", "REVOKE", revoked, NOW.plusSeconds(6));
        NotificationDelivery unknown = appleSays("uuid-3", "PRICE_INCREASE", null, NOW.plusSeconds(7));
        NotificationDelivery test = appleSays("uuid-4", "TEST", null, NOW.plusSeconds(8));
        NotificationDelivery consumption = appleSays("uuid-5", "CONSUMPTION_REQUEST", verified, NOW.plusSeconds(2));

        assertEquals("acknowledged", one.notifications.handle(consumption));
        assertEquals("refunded", one.notifications.handle(refund));
        assertEquals("already-processed", one.notifications.handle(refund));
        assertEquals("already-refunded", one.notifications.handle(revoke));
        assertEquals("ignored:unknown-type", one.notifications.handle(unknown));
        assertEquals("test", one.notifications.handle(test));
        assertEquals(0, balance(ann));
        assertEquals(0, debt(ann));
        assertEquals(5, notificationLog.size());
        assertEquals("ignored:unknown-type", notificationLog.outcome(Store.APP_STORE, "uuid-3"), "unknown types are kept");
        Purchase purchase = purchases.findByStoreTransaction(Store.APP_STORE, "2000001").orElseThrow();
        assertEquals(PurchaseStatus.REFUNDED, purchase.status());
        assertEquals("app_store", purchase.refund().orElseThrow().by());
        assertEquals("refund", purchase.refund().orElseThrow().reason());
        assertEquals(NOW.plusSeconds(3), purchase.refund().orElseThrow().at());
        assertEquals(1, metrics.events.stream().filter(e -> e.equals("refunded:app_store")).count());
        assertEquals(List.of(TransactionKind.CREDIT, TransactionKind.DEBT, TransactionKind.DEBIT),
                ledger.all(ann).stream().map(LedgerEntry::kind).toList());
        assertLedgerConsistent(ann);

        assertThrows(AuthenticationFailed.class,
                () -> one.notifications.handle(new NotificationDelivery(Store.APP_STORE, null, "forged")));
        assertEquals(5, notificationLog.size(), "nothing is stored for a forged notification");
        assertEquals("store-not-enabled", assertThrows(RuleViolation.class, () -> one.notifications.handle(
                new NotificationDelivery(Store.GOOGLE_PLAY, "Bearer x", "{}"))).code());
    }

    @Test
    void aReversedRefundGrantsThePurchaseAgainOnceAndALaterRefundTakesItAgain() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = boughtOnTheAppStore(ann, "2000002");
        one.movements.apply(new WalletOperation.Debit(ann, new Amount(300), new Movement(new OperationId("spend"),
                new ReasonCode("shop"), null, TransactionSource.GAME, Actor.player(ann, "req"))));
        VerifiedPurchase revoked = PurchaseFixtures.revoked(verified, NOW.plusSeconds(10));

        assertEquals("refunded", one.notifications.handle(appleSays("uuid-r1", "REFUND", revoked, NOW.plusSeconds(10))));
        assertEquals(0, balance(ann));
        assertEquals(300, debt(ann));

        NotificationDelivery reversal = appleSays("uuid-r2", "REFUND_REVERSED", verified, NOW.plusSeconds(20));
        assertEquals("reinstated", one.notifications.handle(reversal));
        assertEquals("already-processed", one.notifications.handle(reversal));
        assertEquals(200, balance(ann), "the 500 granted again repay the 300 owed first: back to where the player was");
        assertEquals(0, debt(ann));
        Purchase reinstated = purchases.findByStoreTransaction(Store.APP_STORE, "2000002").orElseThrow();
        assertEquals(PurchaseStatus.GRANTED, reinstated.status());
        assertEquals(1, reinstated.reinstatements());
        assertTrue(reinstated.refund().isEmpty());
        assertTrue(module.actions(ann).contains("purchase.reinstated"));

        assertEquals("refunded", one.notifications.handle(appleSays("uuid-r3", "REFUND", revoked, NOW.plusSeconds(30))));
        assertEquals(0, balance(ann));
        assertEquals(300, debt(ann));
        assertEquals(List.of("purchase:app_store:2000002", "spend", "refund:app_store:2000002",
                        "debt-settlement:refund:app_store:2000002", "reinstate:app_store:2000002:1",
                        "debt-settlement:reinstate:app_store:2000002:1", "refund:app_store:2000002:1",
                        "debt-settlement:refund:app_store:2000002:1"),
                ledger.all(ann).stream().map(entry -> entry.operationId().value()).toList());
        assertLedgerConsistent(ann);
        assertEquals(1, module.counters(ann).totalPurchases(), "still one purchase");
    }

    @Test
    void aNotificationOlderThanTheStoresLatestWordChangesNothing() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = boughtOnTheAppStore(ann, "2000003");
        VerifiedPurchase revoked = PurchaseFixtures.revoked(verified, NOW.plusSeconds(10));

        // Apple refunded at t10 and reversed at t20; the reversal is delivered first.
        assertEquals("ignored:not-refunded-by-store",
                one.notifications.handle(appleSays("uuid-o2", "REFUND_REVERSED", verified, NOW.plusSeconds(20))));
        assertEquals("ignored:out-of-order",
                one.notifications.handle(appleSays("uuid-o1", "REFUND", revoked, NOW.plusSeconds(10))));
        assertEquals(500, balance(ann));
        assertEquals(PurchaseStatus.GRANTED, purchases.findByStoreTransaction(Store.APP_STORE, "2000003").orElseThrow().status());

        // An admin's refund is not the store's to reverse.
        Actor admin = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-admin");
        one.refund.refund(RefundPurchaseUseCase.Command.of(
                purchases.findByStoreTransaction(Store.APP_STORE, "2000003").orElseThrow().id().value(), "goodwill", admin));
        assertEquals("ignored:not-refunded-by-store",
                one.notifications.handle(appleSays("uuid-o3", "REFUND_REVERSED", verified, NOW.plusSeconds(40))));
        assertEquals(0, balance(ann));
        assertLedgerConsistent(ann);
    }

    @Test
    void anOlderRefundThatANewerWordAgreesWithIsStillApplied() {
        // A subscription's transaction is named by notifications of many types: one sent after the refund,
        // and saying it, may arrive first. It does not contradict the refund, so the refund still applies.
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = boughtOnTheAppStore(ann, "2000006");
        VerifiedPurchase revoked = PurchaseFixtures.revoked(verified, NOW.plusSeconds(10));
        assertEquals("ignored:unknown-type", one.notifications.handle(
                appleSays("uuid-a2", "DID_CHANGE_RENEWAL_STATUS", revoked, NOW.plusSeconds(20))));
        assertEquals("refunded", one.notifications.handle(appleSays("uuid-a1", "REFUND", revoked, NOW.plusSeconds(10))));
        assertEquals(0, balance(ann));
        assertEquals(PurchaseStatus.REFUNDED, purchases.findByStoreTransaction(Store.APP_STORE, "2000006").orElseThrow().status());
        assertLedgerConsistent(ann);
    }

    @Test
    void aRefundThatArrivesBeforeTheClaimIsRefusedAtTheClaimAndItsReversalLetsTheClaimThrough() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = PurchaseFixtures.verified(Store.APP_STORE, "2000004", "com.example.coins500",
                ProductKind.CREDITS_PACK);
        PurchaseProof oldProof = appStore.issue("jws-2000004", verified);

        assertEquals("ignored:unknown-purchase", one.notifications.handle(appleSays("uuid-b1", "REFUND",
                PurchaseFixtures.revoked(verified, NOW.plusSeconds(10)), NOW.plusSeconds(10))));
        RuleViolation refused = assertThrows(RuleViolation.class, () -> one.claim.claim(claim(ann, oldProof)));
        assertEquals("purchase-revoked", refused.code());
        assertEquals(0, purchases.size());
        assertEquals(0, balance(ann));
        assertTrue(ledger.all(ann).isEmpty());

        assertEquals("ignored:unknown-purchase",
                one.notifications.handle(appleSays("uuid-b2", "REFUND_REVERSED", verified, NOW.plusSeconds(20))));
        assertEquals("granted", one.claim.claim(claim(ann, oldProof)).status());
        assertEquals(500, balance(ann));
    }

    @Test
    void aRefundThatLandsWhileTheClaimRunsIsAppliedByTheClaim() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = PurchaseFixtures.verified(Store.APP_STORE, "2000005", "com.example.coins500",
                ProductKind.CREDITS_PACK);
        NotificationDelivery refund = appleSays("uuid-c1", "REFUND", PurchaseFixtures.revoked(verified, NOW.plusSeconds(10)),
                NOW.plusSeconds(10));
        AtomicBoolean delivered = new AtomicBoolean();
        List<String> outcomes = new ArrayList<>();
        // The claim looks at the log before the refund is logged; the refund arrives before the purchase is recorded.
        StoreNotificationLog racingLog = new StoreNotificationLog() {
            @Override
            public boolean receive(StoreNotification notification, Instant now) {
                return notificationLog.receive(notification, now);
            }

            @Override
            public void processed(Store store, String notificationId, String outcome, Instant now) {
                notificationLog.processed(store, notificationId, outcome, now);
            }

            @Override
            public List<StoreNotification> unprocessed(Instant receivedBefore, int limit) {
                return notificationLog.unprocessed(receivedBefore, limit);
            }

            @Override
            public Optional<PurchaseEvent> latestAbout(Store store, String storeTransactionId) {
                Optional<PurchaseEvent> seen = notificationLog.latestAbout(store, storeTransactionId);
                if (!delivered.getAndSet(true)) {
                    outcomes.add(one.notifications.handle(refund));
                }
                return seen;
            }
        };
        ClaimPurchaseService claims = new ClaimPurchaseService(verifiers, catalog, purchases, racingLog, module,
                one.completion, metrics, new FakeStores.NoSubscriptions(), clock);

        PurchaseView answer = claims.claim(claim(ann, appStore.issue("jws-2000005", verified)));

        assertEquals(List.of("ignored:unknown-purchase"), outcomes);
        assertEquals("refunded", answer.status());
        assertEquals("app_store", answer.refundedBy());
        assertEquals(0, balance(ann));
        assertEquals(0, debt(ann));
        assertLedgerConsistent(ann);
    }

    @Test
    void aGooglePurchaseTheAppConsumedAfterTheGrantStillAnswersItsOwnerButOneConsumedElsewhereIsRefused() {
        UserId ann = wallets.addUser();
        UserId bob = wallets.addUser();
        VerifiedPurchase paid = PurchaseFixtures.verifiedTest("tx-consumed", "coins_500");
        PurchaseView first = one.claim.claim(claim(ann, testStore.issue("paid", paid)));
        PurchaseProof consumedLater = testStore.issue("consumed", paid.withState(VerifiedPurchase.StoreState.CONSUMED, null));
        assertEquals(first.id(), one.claim.claim(claim(ann, consumedLater)).id());
        assertEquals("purchase-already-claimed", assertThrows(Conflict.class,
                () -> one.claim.claim(claim(bob, consumedLater))).code());

        PurchaseProof consumedElsewhere = testStore.issue("elsewhere", PurchaseFixtures.verifiedTest("tx-elsewhere", "coins_500")
                .withState(VerifiedPurchase.StoreState.CONSUMED, null));
        assertEquals("purchase-already-consumed", assertThrows(RuleViolation.class,
                () -> one.claim.claim(claim(bob, consumedElsewhere))).code());
        assertEquals(500, balance(ann));
        assertEquals(0, balance(bob));
        assertEquals(1, purchases.size());
    }

    @Test
    void refusedProofsWriteNothingButTheRefusal() {
        UserId ann = wallets.addUser();
        assertEquals("receipt-invalid", assertThrows(RuleViolation.class,
                () -> one.claim.claim(claim(ann, new PurchaseProof.TestReceipt("forged")))).code());
        PurchaseProof unknownSku = testStore.issue("r-x", PurchaseFixtures.verifiedTest("tx-x", "coins_999"));
        assertEquals("product-unknown", assertThrows(RuleViolation.class,
                () -> one.claim.claim(claim(ann, unknownSku))).code());
        assertEquals("store-not-enabled", assertThrows(RuleViolation.class, () -> one.claim.claim(claim(ann,
                new PurchaseProof.GooglePlayToken("coins_500", "token", ProductKind.CREDITS_PACK)))).code());
        production.set(true);
        assertEquals("test-store-disabled", assertThrows(RuleViolation.class,
                () -> one.claim.claim(claim(ann, receipt("tx-p")))).code());
        assertEquals(0, purchases.size());
        assertEquals(0, balance(ann));
        assertTrue(ledger.all(ann).isEmpty());
        assertEquals(List.of("purchase.refused", "purchase.refused", "purchase.refused", "purchase.refused"),
                module.actions(ann));
    }

    @Test
    void aProofMustHaveItsStoresShape() {
        UserId ann = wallets.addUser();
        Actor actor = Actor.player(ann, "req");
        assertThrows(InvalidValue.class,
                () -> ClaimPurchaseUseCase.Command.of(ann, "test", "jws", null, null, "r", actor));
        assertThrows(InvalidValue.class,
                () -> ClaimPurchaseUseCase.Command.of(ann, "google_play", null, "coins_500", null, null, actor));
        assertEquals("store-unknown", assertThrows(InvalidValue.class,
                () -> ClaimPurchaseUseCase.Command.of(ann, "steam", null, null, null, "r", actor)).code());
    }

    @Test
    void aPurchaseOfAnInactiveProductIsRefusedButAnAlreadyRecordedOneStillAnswers() {
        UserId ann = wallets.addUser();
        PurchaseProof proof = receipt("tx-i1");
        PurchaseView first = one.claim.claim(claim(ann, proof));
        new ChangeProductStatusService(catalog, clock).change(new io.playerbase.application.purchase.port.in
                .ChangeProductStatusUseCase.Command(new ProductId("coins_500"), false));
        assertEquals(first.id(), one.claim.claim(claim(ann, proof)).id());
        assertEquals("product-inactive", assertThrows(RuleViolation.class,
                () -> one.claim.claim(claim(ann, receipt("tx-i2")))).code());
        assertEquals(500, balance(ann));
        assertEquals(Wallet.DEBT_SETTLEMENT.value(), "debt_settlement");
        assertTrue(purchases.find(new PurchaseId(first.id())).isPresent());
    }
}

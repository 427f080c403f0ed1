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
        final ClaimPurchaseService claim = new ClaimPurchaseService(verifiers, catalog, purchases, module, completion,
                metrics, clock);
        final RefundPurchaseService refund = new RefundPurchaseService(purchases, completion, metrics, clock);
        final HandleStoreNotificationService notifications = new HandleStoreNotificationService(verifiers,
                notificationLog, purchases, completion, metrics, clock);
        final RecoverPurchasesService recovery = new RecoverPurchasesService(purchases, completion, clock);
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

    private StoreNotification notification(String id, String type, VerifiedPurchase purchase) {
        return new StoreNotification(Store.APP_STORE, id, type, null, NOW.plusSeconds(5), "Sandbox", purchase, null, "{}");
    }

    @Test
    void storeRefundNotificationsApplyOnceAndEverythingIsLogged() {
        UserId ann = wallets.addUser();
        VerifiedPurchase verified = PurchaseFixtures.verified(Store.APP_STORE, "2000001", "com.example.coins500",
                ProductKind.CREDITS_PACK);
        one.claim.claim(claim(ann, appStore.issue("jws-1", verified)));
        assertEquals(500, balance(ann));

        VerifiedPurchase revoked = PurchaseFixtures.revoked(verified, NOW.plusSeconds(3));
        NotificationDelivery refund = appStoreNotifications.issue("n1", notification("uuid-1", "REFUND", revoked));
        NotificationDelivery revoke = appStoreNotifications.issue("n2", notification("uuid-2", "REVOKE", revoked));
        NotificationDelivery unknown = appStoreNotifications.issue("n3", notification("uuid-3", "PRICE_INCREASE", null));
        NotificationDelivery test = appStoreNotifications.issue("n4", notification("uuid-4", "TEST", null));
        NotificationDelivery reversed = appStoreNotifications.issue("n5", notification("uuid-5", "REFUND_REVERSED", verified));

        assertEquals("refunded", one.notifications.handle(refund));
        assertEquals("already-processed", one.notifications.handle(refund));
        assertEquals("already-refunded", one.notifications.handle(revoke));
        assertEquals("ignored:unknown-type", one.notifications.handle(unknown));
        assertEquals("test", one.notifications.handle(test));
        assertEquals("logged:refund-reversed", one.notifications.handle(reversed));
        assertEquals(0, balance(ann));
        assertEquals(0, debt(ann));
        assertEquals(5, notificationLog.size());
        Purchase purchase = purchases.findByStoreTransaction(Store.APP_STORE, "2000001").orElseThrow();
        assertEquals(PurchaseStatus.REFUNDED, purchase.status());
        assertEquals("app_store", purchase.refund().orElseThrow().by());
        assertEquals(NOW.plusSeconds(3), purchase.refund().orElseThrow().at());
        assertEquals(1, metrics.events.stream().filter(e -> e.equals("refunded:app_store")).count());

        assertThrows(AuthenticationFailed.class,
                () -> one.notifications.handle(new NotificationDelivery(Store.APP_STORE, null, "forged")));
        assertEquals(5, notificationLog.size(), "nothing is stored for a forged notification");
        assertEquals("store-not-enabled", assertThrows(RuleViolation.class, () -> one.notifications.handle(
                new NotificationDelivery(Store.GOOGLE_PLAY, "Bearer x", "{}"))).code());
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

package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.ClaimPurchaseUseCase;
import io.playerbase.application.referral.ReferralTestModule;
import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Product;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryProductCatalog;
import io.playerbase.domain.testing.InMemoryPurchaseModule;
import io.playerbase.domain.testing.InMemoryPurchaseRepository;
import io.playerbase.domain.testing.InMemoryStoreNotificationLog;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import io.playerbase.domain.testing.PurchaseFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the purchase module tells the subscription module, and when ({@link SubscriptionHook}). */
class SubscriptionHookTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWalletRepository wallets = new InMemoryWalletRepository();
    private final InMemoryProductCatalog catalog = new InMemoryProductCatalog();
    private final InMemoryPurchaseRepository purchases = new InMemoryPurchaseRepository();
    private final InMemoryPurchaseModule module = new InMemoryPurchaseModule();
    private final InMemoryStoreNotificationLog log = new InMemoryStoreNotificationLog();
    private final FakeStores.Receipts testStore = new FakeStores.Receipts(Store.TEST);
    private final FakeStores.Notifications apple = new FakeStores.Notifications(Store.APP_STORE);
    private final StoreVerifiers verifiers = new StoreVerifiers(List.of(testStore), List.of(apple), () -> false);
    private final Recording hook = new Recording();
    private final PurchaseCompletion completion = new PurchaseCompletion(purchases, module,
            new MoneyMovements(wallets, new InMemoryLedger(), clock), ReferralTestModule.empty(clock).qualification, clock);
    private final ClaimPurchaseService claims = new ClaimPurchaseService(verifiers, catalog, purchases, log, module, completion,
            new FakeStores.Metrics(), hook, clock);
    private final HandleStoreNotificationService notifications = new HandleStoreNotificationService(verifiers, log, purchases,
            completion, new FakeStores.Metrics(), hook, clock);

    /** Records the calls; refuses claims when told to; answers notifications with what it is told. */
    private final class Recording implements SubscriptionHook {
        final List<String> calls = new ArrayList<>();
        volatile boolean refuse;
        volatile String outcome;

        @Override
        public synchronized void checkClaim(UserId claimant, VerifiedPurchase verified) {
            calls.add("check:" + verified.storeTransactionId() + ":recorded=" + purchases.findByStoreTransaction(
                    verified.store(), verified.storeTransactionId()).isPresent());
            if (refuse) {
                throw new Conflict("purchase-already-claimed", "another account's subscription");
            }
        }

        @Override
        public synchronized void claimed(Purchase purchase, Actor actor) {
            calls.add("claimed:" + purchase.verified().storeTransactionId());
        }

        @Override
        public Optional<String> notified(StoreNotification notification) {
            return Optional.ofNullable(outcome);
        }
    }

    SubscriptionHookTest() {
        Product premium = PurchaseFixtures.premiumProduct("premium_monthly");
        catalog.insert(premium);
        catalog.insert(PurchaseFixtures.coinsProduct("coins_500", 500));
    }

    private ClaimPurchaseUseCase.Command claim(UserId user, String transactionId, String sku, ProductKind kind) {
        PurchaseProof proof = testStore.issue("r-" + transactionId, PurchaseFixtures.verified(Store.TEST, transactionId, sku, kind));
        return ClaimPurchaseUseCase.Command.of(user, "test", null, null, null, ((PurchaseProof.TestReceipt) proof).receipt(),
                Actor.player(user, "req"));
    }

    @Test
    void aSubscriptionPurchaseIsCheckedBeforeItIsRecordedAndHandedOverAfterEveryClaim() {
        UserId ann = wallets.addUser();
        claims.claim(claim(ann, "t-1", "premium_monthly", ProductKind.SUBSCRIPTION));
        claims.claim(claim(ann, "t-1", "premium_monthly", ProductKind.SUBSCRIPTION));
        claims.claim(claim(ann, "c-1", "coins_500", ProductKind.CREDITS_PACK));
        assertEquals(List.of("check:t-1:recorded=false", "claimed:t-1", "claimed:t-1"), hook.calls,
                "checked once before recording, handed over on every claim (a retry finishes what a crash left), packs never");
    }

    @Test
    void aRefusalBySubscriptionRecordsNothingAndIsAudited() {
        UserId bob = wallets.addUser();
        hook.refuse = true;
        Conflict refused = assertThrows(Conflict.class,
                () -> claims.claim(claim(bob, "t-2", "premium_monthly", ProductKind.SUBSCRIPTION)));
        assertEquals("purchase-already-claimed", refused.code());
        assertTrue(purchases.findByStoreTransaction(Store.TEST, "t-2").isEmpty());
        assertTrue(module.actions(bob).contains("purchase.refused"));
    }

    @Test
    void theSubscriptionsOutcomeReplacesAnUnknownTypeAndFollowsWhatBecameOfThePurchaseRecord() {
        hook.outcome = "subscription:active";
        NotificationDelivery renewal = apple.issue("n1", new StoreNotification(Store.APP_STORE, "u-1", "DID_RENEW", null,
                NOW, "Sandbox", null, null, "{}"));
        assertEquals("subscription:active", notifications.handle(renewal));
        assertEquals("already-processed", notifications.handle(renewal));

        UserId ann = wallets.addUser();
        claims.claim(claim(ann, "t-3", "premium_monthly", ProductKind.SUBSCRIPTION));
        VerifiedPurchase revoked = PurchaseFixtures.revoked(PurchaseFixtures.verified(Store.TEST, "t-3", "premium_monthly",
                ProductKind.SUBSCRIPTION), NOW);
        hook.outcome = "subscription:expired";
        NotificationDelivery refund = apple.issue("n2", new StoreNotification(Store.APP_STORE, "u-2", "REFUND", null, NOW,
                "Sandbox", new VerifiedPurchase(Store.APP_STORE, "t-3", "t-3", "x", ProductKind.SUBSCRIPTION, 1, NOW, null, null,
                "Sandbox", VerifiedPurchase.StoreState.REVOKED, NOW, null, null, revoked.rawPayload()), null, "{}"));
        assertEquals("ignored:unknown-purchase+subscription:expired", notifications.handle(refund),
                "no such App Store purchase here (the purchase module's word), then the subscription's");

        hook.outcome = null;
        NotificationDelivery other = apple.issue("n3", new StoreNotification(Store.APP_STORE, "u-3", "SOMETHING_NEW", null,
                NOW, "Sandbox", null, null, "{}"));
        assertEquals("ignored:unknown-type", notifications.handle(other), "nothing for subscriptions: the purchase module's word");
    }
}

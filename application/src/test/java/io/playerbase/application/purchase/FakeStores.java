package io.playerbase.application.purchase;

import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseMetrics;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-ins for the store adapters: they vouch for exactly what a test told them to. */
final class FakeStores {

    private FakeStores() {
    }

    /** Accepts the receipts it was given (by their text), refuses everything else as {@code receipt-invalid}. */
    static final class Receipts implements ReceiptVerifier {
        private final Store store;
        private final Map<String, VerifiedPurchase> genuine = new ConcurrentHashMap<>();
        final List<VerifiedPurchase> acknowledged = new ArrayList<>();

        Receipts(Store store) {
            this.store = store;
        }

        PurchaseProof issue(String receipt, VerifiedPurchase purchase) {
            genuine.put(receipt, purchase);
            return store == Store.APP_STORE ? new PurchaseProof.AppStoreSignedTransaction(receipt)
                    : new PurchaseProof.TestReceipt(receipt);
        }

        @Override
        public Store store() {
            return store;
        }

        @Override
        public VerifiedPurchase verify(PurchaseProof proof) {
            String text = switch (proof) {
                case PurchaseProof.TestReceipt receipt -> receipt.receipt();
                case PurchaseProof.AppStoreSignedTransaction jws -> jws.signedTransaction();
                case PurchaseProof.GooglePlayToken token -> token.purchaseToken();
            };
            VerifiedPurchase purchase = genuine.get(text);
            if (purchase == null) {
                throw new RuleViolation("receipt-invalid", "not genuine");
            }
            return purchase;
        }

        @Override
        public synchronized void acknowledge(VerifiedPurchase purchase) {
            acknowledged.add(purchase);
        }
    }

    /** Decodes the notifications it was given (by body), refuses other bodies as unauthenticated. */
    static final class Notifications implements StoreNotificationVerifier {
        private final Store store;
        private final Map<String, StoreNotification> genuine = new ConcurrentHashMap<>();

        Notifications(Store store) {
            this.store = store;
        }

        NotificationDelivery issue(String body, StoreNotification notification) {
            genuine.put(body, notification);
            return new NotificationDelivery(store, null, body);
        }

        @Override
        public Store store() {
            return store;
        }

        @Override
        public StoreNotification verify(NotificationDelivery delivery) {
            StoreNotification notification = genuine.get(delivery.body());
            if (notification == null) {
                throw new AuthenticationFailed();
            }
            return notification;
        }
    }

    static final class Metrics implements PurchaseMetrics {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void verified(Store store) {
            events.add("verified:" + store.wireName());
        }

        @Override
        public synchronized void refused(Store store, String code) {
            events.add("refused:" + store.wireName() + ":" + code);
        }

        @Override
        public synchronized void refunded(Store store) {
            events.add("refunded:" + store.wireName());
        }
    }

    /** For purchase tests that leave subscriptions out: no subscription module to tell. */
    static final class NoSubscriptions implements SubscriptionHook {
        @Override
        public void checkClaim(UserId claimant, VerifiedPurchase verified) {
        }

        @Override
        public void claimed(Purchase purchase, Actor actor) {
        }

        @Override
        public Optional<String> notified(StoreNotification notification) {
            return Optional.empty();
        }
    }
}

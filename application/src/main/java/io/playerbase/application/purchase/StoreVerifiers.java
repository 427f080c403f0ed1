package io.playerbase.application.purchase;

import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.shared.ProductionMark;
import io.playerbase.domain.shared.RuleViolation;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verifiers of the stores this deployment is configured for. A store without one is refused
 * ({@code store-not-enabled}); the test store is refused on a production deployment even if enabled.
 */
@Singleton
final class StoreVerifiers {

    private final Map<Store, ReceiptVerifier> receipts = new EnumMap<>(Store.class);
    private final Map<Store, StoreNotificationVerifier> notifications = new EnumMap<>(Store.class);
    private final ProductionMark production;

    StoreVerifiers(List<ReceiptVerifier> receiptVerifiers, List<StoreNotificationVerifier> notificationVerifiers,
                   ProductionMark production) {
        receiptVerifiers.forEach(verifier -> {
            if (receipts.put(verifier.store(), verifier) != null) {
                throw new IllegalStateException("two receipt verifiers for " + verifier.store());
            }
        });
        notificationVerifiers.forEach(verifier -> {
            if (notifications.put(verifier.store(), verifier) != null) {
                throw new IllegalStateException("two notification verifiers for " + verifier.store());
            }
        });
        this.production = production;
    }

    ReceiptVerifier receipts(Store store) {
        checkAllowed(store);
        ReceiptVerifier verifier = receipts.get(store);
        if (verifier == null) {
            throw notEnabled(store);
        }
        return verifier;
    }

    StoreNotificationVerifier notifications(Store store) {
        checkAllowed(store);
        StoreNotificationVerifier verifier = notifications.get(store);
        if (verifier == null) {
            throw notEnabled(store);
        }
        return verifier;
    }

    void checkAllowed(Store store) {
        if (store == Store.TEST && production.isProduction()) {
            throw new RuleViolation("test-store-disabled", "The test store is never accepted on a production database");
        }
    }

    private static RuleViolation notEnabled(Store store) {
        return new RuleViolation(store == Store.TEST ? "test-store-disabled" : "store-not-enabled",
                "Purchases from " + store.wireName() + " are not enabled on this server");
    }
}

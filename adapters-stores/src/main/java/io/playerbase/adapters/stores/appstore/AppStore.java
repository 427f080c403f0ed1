package io.playerbase.adapters.stores.appstore;

import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.StoreNotificationVerifier;

import java.time.Clock;

/** Builds the App Store adapters; the only public entry of this package besides its settings. */
public final class AppStore {

    private final AppStoreReceiptVerifier receipts;
    private final AppStoreNotificationVerifier notifications;

    public AppStore(AppStoreSettings settings, Clock clock) {
        AppleSignedData signedData = new AppleSignedData(settings.trustedRoots(), clock);
        AppStoreTransactions transactions = new AppStoreTransactions(signedData, settings);
        this.receipts = new AppStoreReceiptVerifier(transactions);
        this.notifications = new AppStoreNotificationVerifier(signedData, transactions, settings);
    }

    public ReceiptVerifier receiptVerifier() {
        return receipts;
    }

    public StoreNotificationVerifier notificationVerifier() {
        return notifications;
    }
}

package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.HandleStoreNotificationUseCase;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseMetrics;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Store server notifications (docs/purchases.md): authenticated by the store's verifier, logged once
 * per notification id (a redelivery after processing changes nothing), then applied:
 * <ul>
 *   <li>App Store {@code REFUND}, {@code REVOKE}; Google {@code VOIDED_PURCHASE}: the purchase is
 *       refunded once (the first refund stands, later or repeated ones change nothing);</li>
 *   <li>App Store {@code REFUND_REVERSED}: logged for support, the purchase stays refunded (no
 *       automatic re-grant; an admin may credit the player);</li>
 *   <li>{@code CONSUMPTION_REQUEST}: acknowledged (no consumption data is sent to Apple);</li>
 *   <li>{@code TEST} and everything else: logged and answered.</li>
 * </ul>
 * A notification about a purchase never claimed here is logged; a later claim of it is refused by
 * the store's own answer (revoked). Then the subscription module follows the subscription the
 * notification is about, if any ({@link SubscriptionHook}, docs/subscriptions.md).
 */
@Singleton
final class HandleStoreNotificationService implements HandleStoreNotificationUseCase {

    private static final Set<String> REFUNDS = Set.of("REFUND", "REVOKE", "VOIDED_PURCHASE");

    private final StoreVerifiers verifiers;
    private final StoreNotificationLog log;
    private final PurchaseRepository purchases;
    private final PurchaseCompletion completion;
    private final PurchaseMetrics metrics;
    private final SubscriptionHook subscriptions;
    private final Clock clock;

    HandleStoreNotificationService(StoreVerifiers verifiers, StoreNotificationLog log, PurchaseRepository purchases,
                                   PurchaseCompletion completion, PurchaseMetrics metrics, Clock clock) {
        this(verifiers, log, purchases, completion, metrics, SubscriptionHook.NONE, clock);
    }

    @Inject
    HandleStoreNotificationService(StoreVerifiers verifiers, StoreNotificationLog log, PurchaseRepository purchases,
                                   PurchaseCompletion completion, PurchaseMetrics metrics, SubscriptionHook subscriptions,
                                   Clock clock) {
        this.verifiers = verifiers;
        this.log = log;
        this.purchases = purchases;
        this.completion = completion;
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public String handle(NotificationDelivery delivery) {
        StoreNotification notification = verifiers.notifications(delivery.store()).verify(delivery);
        if (notification.store() != delivery.store()) {
            throw new IllegalStateException("a notification verifier answered for another store");
        }
        if (!log.receive(notification, clock.instant())) {
            return "already-processed";
        }
        String outcome = withSubscription(apply(notification), notification);
        log.processed(notification.store(), notification.notificationId(), outcome, clock.instant());
        return outcome;
    }

    /** The subscription module's outcome replaces an {@code ignored:…} one and is appended to any other. */
    private String withSubscription(String outcome, StoreNotification notification) {
        return subscriptions.notified(notification)
                .map(subscription -> outcome.startsWith("ignored:") || outcome.equals("logged:refund-reversed")
                        ? subscription : outcome + "+" + subscription)
                .orElse(outcome);
    }

    private String apply(StoreNotification notification) {
        String type = notification.type();
        if (REFUNDS.contains(type)) {
            return refund(notification);
        }
        return switch (type) {
            case "REFUND_REVERSED" -> "logged:refund-reversed";
            case "CONSUMPTION_REQUEST" -> "acknowledged";
            case "TEST" -> "test";
            default -> "ignored:unknown-type";
        };
    }

    private String refund(StoreNotification notification) {
        Optional<VerifiedPurchase> concerned = notification.verifiedPurchase();
        if (concerned.isEmpty()) {
            return "ignored:no-purchase";
        }
        Optional<Purchase> purchase = purchases.findByStoreTransaction(notification.store(),
                concerned.get().storeTransactionId());
        if (purchase.isEmpty()) {
            return "ignored:unknown-purchase";
        }
        if (purchase.get().status() == PurchaseStatus.REFUNDED) {
            return "already-refunded";
        }
        Store store = notification.store();
        Refund refund = new Refund(store.wireName(), notification.type().toLowerCase(Locale.ROOT).replace('_', '-'),
                concerned.get().revokedAt() != null ? concerned.get().revokedAt() : notification.sentAt());
        completion.refund(purchase.get(), refund, Actor.system("notification:" + notification.notificationId()));
        metrics.refunded(store);
        return "refunded";
    }
}

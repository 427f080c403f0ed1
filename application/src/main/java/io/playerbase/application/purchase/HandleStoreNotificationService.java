package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.HandleStoreNotificationUseCase;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseMetrics;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.StoreWord;
import io.playerbase.domain.purchase.VerifiedPurchase;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/**
 * Store server notifications (docs/purchases.md): authenticated by the store's verifier, logged once
 * per notification id with what it says of its purchase (a redelivery after processing changes
 * nothing), then applied if it agrees with the store's latest word on that purchase (by the store's
 * own time; an older one arriving late that a newer one contradicts changes nothing). The log is asked
 * first, but what decides is the word kept on the purchase itself ({@link PurchaseCompletion#hear}):
 * the comparison and the change are one versioned write, so two instances applying conflicting words
 * at once cannot both win:
 * <ul>
 *   <li>App Store {@code REFUND}, {@code REVOKE}; Google {@code VOIDED_PURCHASE},
 *       {@code SUBSCRIPTION_REVOKED}: the purchase is refunded once (the credits taken back by the debt
 *       rule; a subscription's record has none);</li>
 *   <li>App Store {@code REFUND_REVERSED}: a purchase its store refunded is reinstated and granted
 *       again, once;</li>
 *   <li>Google one-time product events: the purchase as re-read from the Developer API; refunded if
 *       Google says it is canceled, else logged;</li>
 *   <li>{@code CONSUMPTION_REQUEST}: acknowledged (no consumption data is sent to Apple);
 *       {@code TEST}: answered;</li>
 *   <li>every other type: stored and answered ({@code ignored:unknown-type}).</li>
 * </ul>
 * A refund of a purchase never claimed here stays in the log: a later claim of it asks the log and
 * is refused ({@code purchase-revoked}).
 *
 * <p>Then the subscription module follows the subscription the notification is about, if any
 * ({@link SubscriptionHook}, docs/subscriptions.md): this service decides for the purchase record
 * (which moves no money for a subscription), the subscription module for the subscription's status,
 * premium and the credits of its periods, each by the store's own time. Both run before the
 * notification is marked processed, so one that fails half-way is applied again, idempotently, when
 * the store delivers it again.
 */
@Singleton
final class HandleStoreNotificationService implements HandleStoreNotificationUseCase {

    private static final String UNKNOWN_TYPE = "ignored:unknown-type";
    private static final String UNKNOWN_PURCHASE = "ignored:unknown-purchase";

    private final StoreVerifiers verifiers;
    private final StoreNotificationLog log;
    private final PurchaseRepository purchases;
    private final PurchaseCompletion completion;
    private final PurchaseMetrics metrics;
    private final SubscriptionHook subscriptions;
    private final Clock clock;

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
        StoreNotification verified = verifiers.notifications(delivery.store()).verify(delivery);
        if (verified.store() != delivery.store()) {
            throw new IllegalStateException("a notification verifier answered for another store");
        }
        StoreNotification notification = StoreEvents.asMeant(verified);
        if (!log.receive(notification, clock.instant())) {
            return "already-processed";
        }
        return process(notification, false);
    }

    /**
     * Applies a logged notification (to the purchase record, then the subscription module) and marks it
     * processed. Also how the recovery pass ({@code last}) finishes one a crash left unprocessed: every
     * step is idempotent, so a notification applied twice (by the pass and by the store's redelivery)
     * counts once.
     *
     * <p>One about a purchase not recorded here ({@code ignored:unknown-purchase}) is left unprocessed
     * until the recovery pass looks again (after its grace period): a claim that was recording the
     * purchase meanwhile applies the log's word itself, but it may die before it does; the pass's second
     * look applies the notification to the purchase such a claim left, then closes it either way.
     */
    String process(StoreNotification notification, boolean last) {
        String applied = apply(notification);
        String outcome = withSubscription(applied, notification);
        if (last || !applied.equals(UNKNOWN_PURCHASE)) {
            log.processed(notification.store(), notification.notificationId(), outcome, clock.instant());
        }
        return outcome;
    }

    /** The log's latest word applied to a purchase the recovery pass finished (a claim may have died before it did). */
    Purchase applyLatestWord(Purchase purchase) {
        return StoreEvents.applyLatestWord(purchase, log, completion, metrics);
    }

    /**
     * The subscription module's outcome replaces {@code ignored:unknown-type} (a type the purchase
     * record has no use for: the subscription module's) and follows any other, which says what became
     * of the purchase record ({@code refunded+subscription:expired}, {@code ignored:out-of-order+subscription:active}).
     */
    private String withSubscription(String outcome, StoreNotification notification) {
        return subscriptions.notified(notification)
                .map(subscription -> outcome.equals(UNKNOWN_TYPE) ? subscription : outcome + "+" + subscription)
                .orElse(outcome);
    }

    private String apply(StoreNotification notification) {
        String type = notification.type();
        switch (type) {
            case "CONSUMPTION_REQUEST":
                return "acknowledged";
            case "TEST":
                return "test";
            default:
                break;
        }
        boolean refund = StoreEvents.REFUNDS.contains(type);
        boolean reversal = StoreEvents.REFUND_REVERSED.equals(type);
        boolean oneTimeProduct = type.startsWith(StoreEvents.ONE_TIME_PRODUCT);
        if (!refund && !reversal && !oneTimeProduct) {
            return UNKNOWN_TYPE;
        }
        Optional<VerifiedPurchase> concerned = notification.verifiedPurchase();
        if (concerned.isEmpty()) {
            return "ignored:no-purchase";
        }
        boolean superseded = log.latestAbout(notification.store(), concerned.get().storeTransactionId())
                .filter(latest -> latest.sentAt().isAfter(notification.sentAt()))
                .filter(latest -> latest.state() != concerned.get().state())
                .isPresent();
        if (superseded) {
            return "ignored:out-of-order";
        }
        Optional<Purchase> recorded = purchases.findByStoreTransaction(notification.store(),
                concerned.get().storeTransactionId());
        if (recorded.isEmpty()) {
            return UNKNOWN_PURCHASE;
        }
        VerifiedPurchase said = concerned.get();
        StoreWord word = StoreEvents.word(notification.notificationId(), type, notification.sentAt(), said.state());
        Refund details = word.says() == StoreWord.Says.REVOKED ? StoreEvents.refund(notification.store(), type,
                said.revokedAt() != null ? said.revokedAt() : notification.sentAt()) : null;
        PurchaseCompletion.Heard heard = completion.hear(recorded.get(), word, details,
                StoreEvents.actor(notification.notificationId()));
        if (heard.heard() == Purchase.Heard.APPLIED && word.says() == StoreWord.Says.REVOKED) {
            metrics.refunded(notification.store());
        }
        return outcome(word, heard);
    }

    /**
     * What the notification did to the purchase record. One older than the word the purchase carries is
     * {@code ignored:out-of-order} if it says otherwise; if it agrees (a refund older than a refund
     * applied), it answers as a repeat of what the purchase already is.
     */
    private static String outcome(StoreWord word, PurchaseCompletion.Heard heard) {
        Purchase purchase = heard.purchase();
        if (heard.heard() == Purchase.Heard.REPEATED) {
            return "already-applied";
        }
        if (heard.heard() == Purchase.Heard.OUT_OF_ORDER
                && !purchase.word().map(kept -> kept.says().agreesWith(word.says())).orElse(true)) {
            return "ignored:out-of-order";
        }
        boolean applied = heard.heard() == Purchase.Heard.APPLIED;
        return switch (word.says()) {
            case REVOKED -> applied ? "refunded" : "already-refunded";
            case REFUND_REVERSED -> applied ? "reinstated" : "ignored:not-refunded-by-store";
            case PAID -> "logged";
        };
    }
}

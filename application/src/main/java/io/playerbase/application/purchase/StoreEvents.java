package io.playerbase.application.purchase;

import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseMetrics;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.StoreWord;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.Actor;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the stores' notification types mean for the purchase they name, shared by the notification
 * handler and the claim (which asks the notification log whether the store refunded a purchase before
 * anyone claimed it).
 */
final class StoreEvents {

    /**
     * App Store refund and revocation (family sharing withdrawn), Google voided purchase and revoked
     * subscription (its current order; the subscription module ends the subscription).
     */
    static final Set<String> REFUNDS = Set.of("REFUND", "REVOKE", "VOIDED_PURCHASE", "SUBSCRIPTION_REVOKED");
    /** App Store: a refund was reversed after a dispute; the purchase is owed again. */
    static final String REFUND_REVERSED = "REFUND_REVERSED";
    /** Google one-time product events ({@code ONE_TIME_PRODUCT_PURCHASED}, {@code …_CANCELED}): the verifier re-read the purchase. */
    static final String ONE_TIME_PRODUCT = "ONE_TIME_PRODUCT_";

    private StoreEvents() {
    }

    /**
     * The notification with its purchase as the type means it: a refund revokes it (at the store's
     * revocation time, else the notification's), a reversal restores it; other types as the store
     * described the purchase. This is what the log keeps as the store's word on the purchase.
     */
    static StoreNotification asMeant(StoreNotification n) {
        VerifiedPurchase purchase = n.purchase();
        if (purchase == null) {
            return n;
        }
        VerifiedPurchase meant;
        if (REFUNDS.contains(n.type())) {
            meant = purchase.withState(VerifiedPurchase.StoreState.REVOKED,
                    purchase.revokedAt() != null ? purchase.revokedAt() : n.sentAt());
        } else if (REFUND_REVERSED.equals(n.type())) {
            meant = purchase.withState(VerifiedPurchase.StoreState.PURCHASED, null);
        } else {
            return n;
        }
        return new StoreNotification(n.store(), n.notificationId(), n.type(), n.subtype(), n.sentAt(), n.environment(),
                meant, n.renewalInfo(), n.rawPayload());
    }

    /** The refund a store's word stands for: by the store, the type as reason ({@code refund}, {@code voided-purchase}…). */
    static Refund refund(Store store, String type, Instant at) {
        String reason = type.toLowerCase(Locale.ROOT).replace('_', '-');
        return new Refund(store.wireName(), reason.length() <= 64 ? reason : reason.substring(0, 64), at);
    }

    static Refund refund(Store store, StoreNotificationLog.PurchaseEvent event) {
        return refund(store, event.type(), event.revokedAt() != null ? event.revokedAt() : event.sentAt());
    }

    /**
     * What a notification of {@code type} says of a purchase it left in {@code state}, as the purchase
     * record keeps it: revoked (whatever the type), a reversal of a refund, or anything else (paid).
     */
    static StoreWord word(String notificationId, String type, Instant sentAt, VerifiedPurchase.StoreState state) {
        StoreWord.Says says = state == VerifiedPurchase.StoreState.REVOKED ? StoreWord.Says.REVOKED
                : REFUND_REVERSED.equals(type) ? StoreWord.Says.REFUND_REVERSED : StoreWord.Says.PAID;
        return new StoreWord(notificationId, sentAt, says);
    }

    static StoreWord word(StoreNotificationLog.PurchaseEvent event) {
        return word(event.notificationId(), event.type(), event.sentAt(), event.state());
    }

    /**
     * The store's latest word in the log applied to a purchase, under the same rule as the notification
     * that said it (only if no newer word was applied; once): what a claim does after recording a purchase
     * (a notification that arrived meanwhile found no purchase yet), and the recovery pass after finishing
     * one a crash left behind. @return the purchase as it ends up
     */
    static Purchase applyLatestWord(Purchase purchase, StoreNotificationLog log, PurchaseCompletion completion,
                                    PurchaseMetrics metrics) {
        Optional<StoreNotificationLog.PurchaseEvent> latest = log.latestAbout(purchase.store(),
                purchase.verified().storeTransactionId());
        if (latest.isEmpty()) {
            return purchase;
        }
        StoreWord word = word(latest.get());
        PurchaseCompletion.Heard heard = completion.hear(purchase, word,
                word.says() == StoreWord.Says.REVOKED ? refund(purchase.store(), latest.get()) : null,
                actor(latest.get().notificationId()));
        if (heard.heard() == Purchase.Heard.APPLIED && word.says() == StoreWord.Says.REVOKED) {
            metrics.refunded(purchase.store());
        }
        return heard.purchase();
    }

    static Actor actor(String notificationId) {
        return Actor.system("notification:" + notificationId);
    }
}

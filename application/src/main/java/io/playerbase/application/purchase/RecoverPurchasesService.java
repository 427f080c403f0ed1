package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.RecoverPurchasesUseCase;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.shared.Actor;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Finishes what a crash left behind, in two steps, each a page per run:
 * <ol>
 *   <li>store notifications logged but never marked processed (a crash between the log and the end of
 *       their application, or one about a purchase not recorded here, which gets this second look):
 *       applied again as when they arrived, purchase record and subscription module, then marked
 *       processed ({@link HandleStoreNotificationService#process}); a word the purchase already carries
 *       is not applied twice, and the wallet's operation ids move each round's money once;</li>
 *   <li>purchases left {@code granting} or {@code refunding}: the grant or refund is finished, then the
 *       store's latest word in the log is applied to it, as the claim that died would have.</li>
 * </ol>
 * Only what was untouched for a while is taken, so the pass rarely races a request still running; when it
 * does (or the store redelivers the same notification meanwhile), the purchase's word, the derived
 * operation ids and versioned writes keep the outcome exact. One instance runs it at a time (lease
 * {@code purchase-recovery}).
 */
@Singleton
final class RecoverPurchasesService implements RecoverPurchasesUseCase {

    static final Duration GRACE = Duration.ofSeconds(30);
    static final int BATCH = 200;
    /** Notifications per run: each may move money and call the subscription module. */
    static final int NOTIFICATION_BATCH = 100;
    private static final System.Logger LOG = System.getLogger(RecoverPurchasesService.class.getName());

    private final PurchaseRepository purchases;
    private final PurchaseCompletion completion;
    private final StoreNotificationLog log;
    private final HandleStoreNotificationService notifications;
    private final Clock clock;

    RecoverPurchasesService(PurchaseRepository purchases, PurchaseCompletion completion, StoreNotificationLog log,
                            HandleStoreNotificationService notifications, Clock clock) {
        this.purchases = purchases;
        this.completion = completion;
        this.log = log;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public int recover() {
        Instant before = clock.instant().minus(GRACE);
        int finished = 0;
        for (StoreNotification notification : log.unprocessed(before, NOTIFICATION_BATCH)) {
            try {
                notifications.process(notification, true);
                finished++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Store notification " + notification.store().wireName() + ":"
                        + notification.notificationId() + " not applied yet: " + e.getMessage());
            }
        }
        for (Purchase purchase : purchases.unfinished(before, BATCH)) {
            Actor system = Actor.system("purchase-recovery");
            try {
                Purchase done = purchase.status() == PurchaseStatus.GRANTING ? completion.grant(purchase, system)
                        : completion.finishRefund(purchase, system);
                notifications.applyLatestWord(done);
                finished++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Purchase " + purchase.id() + " not finished yet: " + e.getMessage());
            }
        }
        return finished;
    }
}

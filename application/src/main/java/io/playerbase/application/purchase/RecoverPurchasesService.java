package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.RecoverPurchasesUseCase;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.shared.Actor;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Finishes purchases a crash left {@code granting} or {@code refunding}. Only purchases untouched for
 * a while are taken, so the pass rarely races a request still running; when it does, the derived
 * operation ids and versioned writes keep the outcome exact.
 */
@Singleton
final class RecoverPurchasesService implements RecoverPurchasesUseCase {

    static final Duration GRACE = Duration.ofSeconds(30);
    static final int BATCH = 200;
    private static final System.Logger LOG = System.getLogger(RecoverPurchasesService.class.getName());

    private final PurchaseRepository purchases;
    private final PurchaseCompletion completion;
    private final Clock clock;

    RecoverPurchasesService(PurchaseRepository purchases, PurchaseCompletion completion, Clock clock) {
        this.purchases = purchases;
        this.completion = completion;
        this.clock = clock;
    }

    @Override
    public int recover() {
        int finished = 0;
        for (Purchase purchase : purchases.unfinished(clock.instant().minus(GRACE), BATCH)) {
            Actor system = Actor.system("purchase-recovery");
            try {
                if (purchase.status() == PurchaseStatus.GRANTING) {
                    completion.grant(purchase, system);
                } else {
                    completion.finishRefund(purchase, system);
                }
                finished++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Purchase " + purchase.id() + " not finished yet: " + e.getMessage());
            }
        }
        return finished;
    }
}

package io.playerbase.application.purchase;

import io.playerbase.application.purchase.port.in.PurchaseView;
import io.playerbase.application.purchase.port.in.RefundPurchaseUseCase;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseMetrics;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Refund;
import io.playerbase.domain.shared.NotFound;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class RefundPurchaseService implements RefundPurchaseUseCase {

    private final PurchaseRepository purchases;
    private final PurchaseCompletion completion;
    private final PurchaseMetrics metrics;
    private final Clock clock;

    RefundPurchaseService(PurchaseRepository purchases, PurchaseCompletion completion, PurchaseMetrics metrics,
                          Clock clock) {
        this.purchases = purchases;
        this.completion = completion;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public PurchaseView refund(Command command) {
        Purchase purchase = purchases.find(command.purchaseId())
                .orElseThrow(() -> new NotFound("purchase-not-found", "No such purchase"));
        boolean wasRefunded = purchase.status() == PurchaseStatus.REFUNDED;
        Purchase refunded = completion.refund(purchase,
                new Refund("admin", command.reason(), clock.instant()), command.actor());
        if (!wasRefunded) {
            metrics.refunded(refunded.store());
        }
        return PurchaseView.of(refunded);
    }
}

package io.playerbase.bootstrap.purchase;

import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.application.purchase.port.in.RecoverPurchasesUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finishes grants and refunds a crash interrupted, shortly after start and then periodically. */
@Singleton
final class PurchaseRecoveryJob {

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseRecoveryJob.class);

    private final RecoverPurchasesUseCase recovery;

    PurchaseRecoveryJob(RecoverPurchasesUseCase recovery) {
        this.recovery = recovery;
    }

    @Scheduled(initialDelay = "10s", fixedDelay = "${playerbase.iap.recovery-interval:60s}")
    void recover() {
        try {
            recovery.recover();
        } catch (RuntimeException e) {
            LOG.warn("Purchase recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }
}

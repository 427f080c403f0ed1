package io.playerbase.bootstrap.purchase;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.application.purchase.port.in.RecoverPurchasesUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Finishes store notifications, grants and refunds a crash interrupted, shortly after start and then
 * periodically. One instance runs it at a time (lease {@code purchase-recovery}).
 */
@Singleton
final class PurchaseRecoveryJob {

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseRecoveryJob.class);

    private final RecoverPurchasesUseCase recovery;
    private final Leases leases;
    private final Duration interval;

    PurchaseRecoveryJob(RecoverPurchasesUseCase recovery, Leases leases,
                        @Value("${playerbase.iap.recovery-interval:60s}") Duration interval) {
        this.recovery = recovery;
        this.leases = leases;
        this.interval = interval;
    }

    @Scheduled(initialDelay = "10s", fixedDelay = "${playerbase.iap.recovery-interval:60s}")
    void recover() {
        try {
            leases.runIfHeld("purchase-recovery", interval.multipliedBy(2), recovery::recover);
        } catch (RuntimeException e) {
            LOG.warn("Purchase recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }
}

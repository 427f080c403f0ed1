package io.playerbase.bootstrap.wallet;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.application.wallet.port.in.RecoverWalletsUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Runs the wallet recovery pass shortly after start and then periodically, so a money movement
 * interrupted after its wallet write is completed even if its wallet sees no further operation.
 * One instance runs it at a time (lease {@code wallet-recovery}).
 */
@Singleton
final class WalletRecoveryJob {

    private static final Logger LOG = LoggerFactory.getLogger(WalletRecoveryJob.class);

    private final RecoverWalletsUseCase recovery;
    private final Leases leases;
    private final Duration interval;

    WalletRecoveryJob(RecoverWalletsUseCase recovery, Leases leases,
                      @Value("${playerbase.wallet.recovery-interval:60s}") Duration interval) {
        this.recovery = recovery;
        this.leases = leases;
        this.interval = interval;
    }

    @Scheduled(initialDelay = "5s", fixedDelay = "${playerbase.wallet.recovery-interval:60s}")
    void recover() {
        try {
            leases.runIfHeld("wallet-recovery", interval.multipliedBy(2), recovery::recover);
        } catch (RuntimeException e) {
            LOG.warn("Wallet recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }
}

package io.playerbase.bootstrap.wallet;

import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.application.wallet.port.in.RecoverWalletsUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the wallet recovery pass shortly after start and then periodically, so a money movement
 * interrupted after its wallet write is completed even if its wallet sees no further operation.
 */
@Singleton
final class WalletRecoveryJob {

    private static final Logger LOG = LoggerFactory.getLogger(WalletRecoveryJob.class);

    private final RecoverWalletsUseCase recovery;

    WalletRecoveryJob(RecoverWalletsUseCase recovery) {
        this.recovery = recovery;
    }

    @Scheduled(initialDelay = "5s", fixedDelay = "${playerbase.wallet.recovery-interval:60s}")
    void recover() {
        try {
            recovery.recover();
        } catch (RuntimeException e) {
            LOG.warn("Wallet recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }
}

package io.playerbase.bootstrap.referral;

import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.application.referral.port.in.RecoverReferralsUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns missing referral codes and finishes referral work that is due (held rewards, interrupted
 * links, payments and reversals), shortly after start and then periodically. Idempotent: several
 * instances running it at once cost reads only.
 */
@Singleton
final class ReferralRecoveryJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReferralRecoveryJob.class);

    private final RecoverReferralsUseCase recovery;

    ReferralRecoveryJob(RecoverReferralsUseCase recovery) {
        this.recovery = recovery;
    }

    @Scheduled(initialDelay = "15s", fixedDelay = "${playerbase.referrals.recovery-interval:60s}")
    void recover() {
        try {
            recovery.recover();
        } catch (RuntimeException e) {
            LOG.warn("Referral recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }
}

package io.playerbase.bootstrap.subscription;

import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.application.subscription.port.in.SweepSubscriptionsUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional subscription sweep (docs/subscriptions.md), shortly after start and then every
 * {@code playerbase.subscriptions.sweep-interval}: tidies stored statuses and finishes money and
 * account copies a crash left pending. Premium never waits for it.
 */
@Singleton
final class SubscriptionSweepJob {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSweepJob.class);

    private final SweepSubscriptionsUseCase sweep;

    SubscriptionSweepJob(SweepSubscriptionsUseCase sweep) {
        this.sweep = sweep;
    }

    @Scheduled(initialDelay = "20s", fixedDelay = "${playerbase.subscriptions.sweep-interval:5m}")
    void sweep() {
        try {
            int handled = sweep.sweep();
            if (handled > 0) {
                LOG.info("Subscription sweep handled {} subscription(s)", handled);
            }
        } catch (RuntimeException e) {
            LOG.warn("Subscription sweep failed; the next one retries: {}", e.getMessage());
        }
    }
}

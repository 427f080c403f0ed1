package io.playerbase.bootstrap.subscription;

import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.application.subscription.port.in.SweepSubscriptionsUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The optional subscription sweep (docs/subscriptions.md), shortly after start and then every
 * {@code playerbase.subscriptions.sweep-interval}: tidies stored statuses and finishes money and
 * account copies a crash left pending. Premium never waits for it. One instance runs it at a time
 * (lease {@code subscription-sweep}).
 */
@Singleton
final class SubscriptionSweepJob {

    static final String LEASE = "subscription-sweep";
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSweepJob.class);

    private final SweepSubscriptionsUseCase sweep;
    private final Leases leases;
    private final Duration interval;

    SubscriptionSweepJob(SweepSubscriptionsUseCase sweep, Leases leases, SubscriptionProperties properties) {
        this.sweep = sweep;
        this.leases = leases;
        this.interval = properties.sweepInterval();
    }

    @Scheduled(initialDelay = "20s", fixedDelay = "${playerbase.subscriptions.sweep-interval}")
    void sweep() {
        try {
            leases.runIfHeld(LEASE, interval.multipliedBy(2), () -> {
                int handled = sweep.sweep();
                if (handled > 0) {
                    LOG.info("Subscription sweep handled {} subscription(s)", handled);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Subscription sweep failed; the next one retries: {}", e.getMessage());
        }
    }
}

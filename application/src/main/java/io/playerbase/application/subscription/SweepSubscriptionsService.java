package io.playerbase.application.subscription;

import io.playerbase.application.subscription.port.in.SweepSubscriptionsUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * The optional tidy-up (docs/subscriptions.md): stored statuses that time overtook catch up, and money
 * or account copies a crash left pending are finished. Premium is derived at every read and never
 * waits for it. The job runs it under a lease (one instance at a time); two at once would cost only
 * reads and refused writes.
 */
@Singleton
final class SweepSubscriptionsService implements SweepSubscriptionsUseCase {

    static final int BATCH = 200;
    private static final System.Logger LOG = System.getLogger(SweepSubscriptionsService.class.getName());

    private final SubscriptionRepository subscriptions;
    private final SubscriptionUpdates updates;
    private final Clock clock;

    SweepSubscriptionsService(SubscriptionRepository subscriptions, SubscriptionUpdates updates, Clock clock) {
        this.subscriptions = subscriptions;
        this.updates = updates;
        this.clock = clock;
    }

    @Override
    public int sweep() {
        Actor system = Actor.system("subscription-sweep");
        int handled = 0;
        for (Subscription due : subscriptions.due(clock.instant(), BATCH)) {
            try {
                Instant now = clock.instant();
                Subscription tidied = updates.change(due, s -> s.tidy("sweep", now));
                Subscription settled = updates.settle(tidied, system);
                settled.owner().ifPresent(owner -> updates.project(owner, system));
                handled++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Subscription " + due.key() + " not tidied yet: " + e.getMessage());
            }
        }
        return handled;
    }
}

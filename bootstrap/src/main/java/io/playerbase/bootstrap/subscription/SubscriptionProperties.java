package io.playerbase.bootstrap.subscription;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code playerbase.subscriptions.*}; the defaults are in {@code application.yml}.
 *
 * @param sweepInterval {@code PLAYERBASE_SUBSCRIPTIONS_SWEEP_INTERVAL}: how often the optional sweep runs
 */
@ConfigurationProperties("playerbase.subscriptions")
record SubscriptionProperties(Duration sweepInterval) {

    SubscriptionProperties {
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("playerbase.subscriptions.sweep-interval must be a positive duration");
        }
    }
}

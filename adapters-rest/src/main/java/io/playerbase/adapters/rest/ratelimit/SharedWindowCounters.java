package io.playerbase.adapters.rest.ratelimit;

import io.playerbase.domain.shared.RateCounters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counters every instance shares ({@link RateCounters}, in MongoDB), so N instances allow the limits
 * once in total, not N times. Each counted event is one database round trip.
 */
final class SharedWindowCounters implements WindowCounters {

    private final RateCounters counters;
    private final Clock clock;

    SharedWindowCounters(RateCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> hit(RateLimitPolicy policy, String key) {
        RateCounters.Window window = counters.hit(policy.name() + "|" + key, policy.window());
        return window.count() > policy.limit() ? Optional.of(until(window.end())) : Optional.empty();
    }

    @Override
    public Optional<Duration> exhausted(RateLimitPolicy policy, String key) {
        return counters.current(policy.name() + "|" + key)
                .filter(window -> window.count() >= policy.limit())
                .map(window -> until(window.end()));
    }

    @Override
    public void purgeExpired() {
    }

    private Duration until(Instant end) {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }
}

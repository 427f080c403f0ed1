package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.context.BeanProvider;
import io.playerbase.domain.shared.RateCounters;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Fixed-window counters per policy and key: in this instance's memory, or shared through the database. */
interface WindowCounters {

    /**
     * Counts one event of {@code key}.
     *
     * @return empty when the event is within the limit, else how long until the window ends
     */
    Optional<Duration> hit(RateLimitPolicy policy, String key);

    /** Whether {@code key} has already used up the policy in the current window, without counting. */
    Optional<Duration> exhausted(RateLimitPolicy policy, String key);

    /** Drops expired windows kept in memory (nothing to do for shared ones: the database expires them). */
    void purgeExpired();

    /** The counters {@code playerbase.rate-limits.store} names: shared in the database, or in this instance's memory. */
    static WindowCounters of(RateLimitSettings settings, Clock clock, BeanProvider<RateCounters> shared) {
        return switch (String.valueOf(settings.store())) {
            case "database" -> new SharedWindowCounters(shared.get(), clock);
            case "memory" -> new FixedWindowCounters(settings.maxKeys(), clock);
            default -> throw new IllegalArgumentException("playerbase.rate-limits.store must be database or memory, not '"
                    + settings.store() + "'");
        };
    }
}

package io.playerbase.adapters.rest.ratelimit;

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
}

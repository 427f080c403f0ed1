package io.playerbase.adapters.rest.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters per key in fixed windows, in this process's memory. A window starts with the first event of
 * its key and lasts the policy's window; so a client can make at most {@code 2 × limit} requests in any
 * span of one window (the end of one window and the start of the next), which is enough to stop
 * guessing and flooding. Memory is bounded: at most {@code maxKeys} keys are tracked; expired windows
 * are dropped when that bound is reached and periodically, and when it is reached with live windows only,
 * events of new keys are refused (fail closed) until windows expire.
 */
final class FixedWindowCounters implements WindowCounters {

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final Clock clock;

    FixedWindowCounters(int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("playerbase.rate-limits.max-keys must be at least 1");
        }
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    private record Window(Instant end, int count) {
    }

    /**
     * Counts one event of {@code key}.
     *
     * @return empty when the event is within the limit, else how long until the window ends
     */
    @Override
    public Optional<Duration> hit(RateLimitPolicy policy, String key) {
        Instant now = clock.instant();
        String slot = policy.name() + "|" + key;
        if (!windows.containsKey(slot) && windows.size() >= maxKeys) {
            purge(now);
            if (windows.size() >= maxKeys) {
                return Optional.of(policy.window());
            }
        }
        Window window = windows.compute(slot, (ignored, current) -> current == null || !current.end().isAfter(now)
                ? new Window(now.plus(policy.window()), 1)
                : new Window(current.end(), current.count() == Integer.MAX_VALUE ? current.count() : current.count() + 1));
        return window.count() > policy.limit() ? Optional.of(Duration.between(now, window.end())) : Optional.empty();
    }

    /** Whether {@code key} has already used up the policy in the current window, without counting. */
    @Override
    public Optional<Duration> exhausted(RateLimitPolicy policy, String key) {
        Instant now = clock.instant();
        Window window = windows.get(policy.name() + "|" + key);
        return window != null && window.end().isAfter(now) && window.count() >= policy.limit()
                ? Optional.of(Duration.between(now, window.end())) : Optional.empty();
    }

    @Override
    public void purgeExpired() {
        purge(clock.instant());
    }

    /** Drops every expired window. */
    void purge(Instant now) {
        windows.entrySet().removeIf(entry -> !entry.getValue().end().isAfter(now));
    }

    int size() {
        return windows.size();
    }
}

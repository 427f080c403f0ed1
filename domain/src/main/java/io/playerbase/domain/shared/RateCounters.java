package io.playerbase.domain.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Event counters per key in fixed windows, shared by every instance of the service (limits
 * count across instances). A window starts with the first event of its key and lasts the given
 * duration; the next event after it starts a new one.
 */
public interface RateCounters {

    /** Counts one event of {@code key}; returns the window it counted in, this event included. */
    Window hit(String key, Duration window);

    /** The live window of {@code key}, without counting; empty when there is none. */
    Optional<Window> current(String key);

    record Window(long count, Instant end) {
    }
}

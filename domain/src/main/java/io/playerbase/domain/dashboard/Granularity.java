package io.playerbase.domain.dashboard;

import io.playerbase.domain.shared.InvalidValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The width of a bucket of an activity series, in UTC, with the most buckets one series may have:
 * a week of hours or about a quarter of days (docs/console.md, "Aggregates").
 */
public enum Granularity {
    HOUR(ChronoUnit.HOURS, 168, 48),
    DAY(ChronoUnit.DAYS, 92, 30);

    private final ChronoUnit unit;
    private final int maxBuckets;
    private final int defaultBuckets;

    Granularity(ChronoUnit unit, int maxBuckets, int defaultBuckets) {
        this.unit = unit;
        this.maxBuckets = maxBuckets;
        this.defaultBuckets = defaultBuckets;
    }

    public Duration length() {
        return unit.getDuration();
    }

    public int maxBuckets() {
        return maxBuckets;
    }

    public int defaultBuckets() {
        return defaultBuckets;
    }

    /** The start of the bucket holding {@code instant}. */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Granularity fromWire(String value) {
        for (Granularity granularity : values()) {
            if (granularity.wire().equals(value)) {
                return granularity;
            }
        }
        throw new InvalidValue("granularity", "must be hour or day");
    }
}

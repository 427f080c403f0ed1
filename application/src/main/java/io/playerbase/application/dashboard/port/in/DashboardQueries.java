package io.playerbase.application.dashboard.port.in;

import java.time.Instant;
import java.util.List;

/**
 * Aggregates for the staff dashboard, bounded in cost: a series has at most a week of hours or
 * 92 days, and reads at most {@link #MAX_SCANNED} records; past that it says it is incomplete.
 */
public interface DashboardQueries {

    /** Records one series may read; the newest are read first. */
    int MAX_SCANNED = 50_000;

    CountSeries registrations(SeriesQuery query);

    CountSeries matchesReported(SeriesQuery query);

    VolumeSeries walletVolume(SeriesQuery query);

    CountSeries purchases(SeriesQuery query);

    /**
     * As the caller sent it: {@code granularity} hour or day (default hour); {@code from} and
     * {@code to} ISO-8601 instants on bucket boundaries, both absent for the latest buckets.
     */
    record SeriesQuery(String granularity, String from, String to) {
    }

    /**
     * {@code complete} is false when more than {@link #MAX_SCANNED} records fell in the window; then
     * only buckets from {@code covered_from} on are whole.
     */
    record CountSeries(String granularity, Instant from, Instant to, List<CountBucket> buckets, long total,
                       boolean complete, Instant coveredFrom) {
    }

    record CountBucket(Instant start, long count) {
    }

    record VolumeSeries(String granularity, Instant from, Instant to, List<CurrencyVolume> currencies,
                        long transactions, boolean complete, Instant coveredFrom) {
    }

    /** Amounts in minor units of one currency; {@code credited} all that added, {@code debited} all that took. */
    record CurrencyVolume(String currency, List<VolumeBucket> buckets) {
    }

    record VolumeBucket(Instant start, long transactions, long credited, long debited) {
    }
}

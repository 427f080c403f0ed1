package io.playerbase.domain.dashboard;

import io.playerbase.domain.shared.InvalidValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The interval {@code [from, to)} of an activity series, cut into whole buckets of one granularity.
 * Valid by construction: both ends on bucket boundaries, {@code from} before {@code to}, at most
 * {@link Granularity#maxBuckets()} buckets, so no series can ask for an unbounded amount of work.
 */
public record ActivityWindow(Instant from, Instant to, Granularity granularity) {

    /** Nothing before this is activity of Playerbase; it bounds what a caller can ask for. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public ActivityWindow {
        if (from == null || to == null || granularity == null) {
            throw new IllegalArgumentException("from, to and granularity are required");
        }
        if (!granularity.floor(from).equals(from)) {
            throw new InvalidValue("from", "must start a " + granularity.wire());
        }
        if (!granularity.floor(to).equals(to)) {
            throw new InvalidValue("to", "must start a " + granularity.wire());
        }
        if (!from.isBefore(to)) {
            throw new InvalidValue("from", "must be before to");
        }
        if (from.isBefore(EARLIEST)) {
            throw new InvalidValue("from", "must not be before " + EARLIEST);
        }
        long buckets = (to.getEpochSecond() - from.getEpochSecond()) / granularity.length().getSeconds();
        if (buckets > granularity.maxBuckets()) {
            throw new InvalidValue("from", "at most " + granularity.maxBuckets() + " " + granularity.wire()
                    + "s per series");
        }
    }

    /** The last {@code buckets} buckets up to and including the one holding {@code now}. */
    public static ActivityWindow endingAt(Instant now, Granularity granularity, int buckets) {
        Instant to = granularity.floor(now).plus(granularity.length());
        return new ActivityWindow(to.minus(granularity.length().multipliedBy(buckets)), to, granularity);
    }

    public int buckets() {
        return (int) ((to.getEpochSecond() - from.getEpochSecond()) / granularity.length().getSeconds());
    }

    /** The start of every bucket, oldest first. */
    public List<Instant> starts() {
        List<Instant> starts = new ArrayList<>(buckets());
        for (Instant start = from; start.isBefore(to); start = start.plus(granularity.length())) {
            starts.add(start);
        }
        return starts;
    }

    /** The index of the bucket holding {@code instant}, which must lie in the window. */
    public int bucketOf(Instant instant) {
        if (instant.isBefore(from) || !instant.isBefore(to)) {
            throw new IllegalArgumentException(instant + " is outside " + from + "/" + to);
        }
        return (int) ((instant.getEpochSecond() - from.getEpochSecond()) / granularity.length().getSeconds());
    }
}

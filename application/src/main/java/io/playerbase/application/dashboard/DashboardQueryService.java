package io.playerbase.application.dashboard;

import io.playerbase.application.dashboard.port.in.DashboardQueries;
import io.playerbase.domain.dashboard.ActivityLog;
import io.playerbase.domain.dashboard.ActivityLog.WalletMovement;
import io.playerbase.domain.dashboard.ActivityWindow;
import io.playerbase.domain.dashboard.Granularity;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Buckets what the activity log returns; the log is asked for one record more than the bound to see if it was hit. */
@Singleton
final class DashboardQueryService implements DashboardQueries {

    private final ActivityLog log;
    private final Clock clock;

    DashboardQueryService(ActivityLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public CountSeries registrations(SeriesQuery query) {
        ActivityWindow window = window(query);
        return count(window, log.registrations(window, MAX_SCANNED + 1));
    }

    @Override
    public CountSeries matchesReported(SeriesQuery query) {
        ActivityWindow window = window(query);
        return count(window, log.matchesReported(window, MAX_SCANNED + 1));
    }

    @Override
    public CountSeries purchases(SeriesQuery query) {
        ActivityWindow window = window(query);
        return count(window, log.purchasesRecorded(window, MAX_SCANNED + 1));
    }

    @Override
    public VolumeSeries walletVolume(SeriesQuery query) {
        ActivityWindow window = window(query);
        List<WalletMovement> found = log.walletMovements(window, MAX_SCANNED + 1);
        boolean complete = found.size() <= MAX_SCANNED;
        List<WalletMovement> movements = complete ? found : found.subList(0, MAX_SCANNED);
        Map<String, long[][]> byCurrency = new TreeMap<>();
        for (WalletMovement movement : movements) {
            long[] bucket = byCurrency.computeIfAbsent(movement.currency(), currency -> new long[window.buckets()][3])
                    [window.bucketOf(movement.at())];
            bucket[0]++;
            bucket[movement.addsToBalance() ? 1 : 2] += movement.amount();
        }
        List<Instant> starts = window.starts();
        List<CurrencyVolume> currencies = byCurrency.entrySet().stream().map(entry -> {
            List<VolumeBucket> buckets = new ArrayList<>(starts.size());
            for (int i = 0; i < starts.size(); i++) {
                long[] bucket = entry.getValue()[i];
                buckets.add(new VolumeBucket(starts.get(i), bucket[0], bucket[1], bucket[2]));
            }
            return new CurrencyVolume(entry.getKey(), buckets);
        }).toList();
        return new VolumeSeries(window.granularity().wire(), window.from(), window.to(), currencies, movements.size(),
                complete, complete ? window.from() : window.granularity().floor(movements.getLast().at())
                        .plus(window.granularity().length()));
    }

    private static CountSeries count(ActivityWindow window, List<Instant> found) {
        boolean complete = found.size() <= MAX_SCANNED;
        List<Instant> times = complete ? found : found.subList(0, MAX_SCANNED);
        long[] counts = new long[window.buckets()];
        times.forEach(time -> counts[window.bucketOf(time)]++);
        List<Instant> starts = window.starts();
        List<CountBucket> buckets = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            buckets.add(new CountBucket(starts.get(i), counts[i]));
        }
        // Newest first: the oldest bucket read may be partial, so whole buckets begin after it.
        return new CountSeries(window.granularity().wire(), window.from(), window.to(), buckets, times.size(), complete,
                complete ? window.from() : window.granularity().floor(times.getLast()).plus(window.granularity().length()));
    }

    private ActivityWindow window(SeriesQuery query) {
        Granularity granularity = query.granularity() == null ? Granularity.HOUR : Granularity.fromWire(query.granularity());
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant("from", query.from(), errors);
        Instant to = instant("to", query.to(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidValue(errors);
        }
        if (from == null && to == null) {
            return ActivityWindow.endingAt(clock.instant(), granularity, granularity.defaultBuckets());
        }
        if (from == null || to == null) {
            throw new InvalidValue(from == null ? "from" : "to", "from and to go together");
        }
        return new ActivityWindow(from, to, granularity);
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z"));
            return null;
        }
    }
}

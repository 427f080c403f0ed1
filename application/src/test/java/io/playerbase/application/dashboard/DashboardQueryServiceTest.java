package io.playerbase.application.dashboard;

import io.playerbase.application.dashboard.port.in.DashboardQueries;
import io.playerbase.application.dashboard.port.in.DashboardQueries.CountBucket;
import io.playerbase.application.dashboard.port.in.DashboardQueries.CountSeries;
import io.playerbase.application.dashboard.port.in.DashboardQueries.SeriesQuery;
import io.playerbase.application.dashboard.port.in.DashboardQueries.VolumeSeries;
import io.playerbase.domain.dashboard.ActivityLog;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.testing.InMemoryActivityLog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardQueryServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:42:00Z");

    private final InMemoryActivityLog log = new InMemoryActivityLog();
    private final DashboardQueries queries = new DashboardQueryService(log, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void withoutAWindowTheLast48HoursCountPerHourIncludingTheCurrentOne() {
        log.register(Instant.parse("2026-12-04T15:01:00Z"), false);
        log.register(Instant.parse("2026-12-04T15:30:00Z"), false);
        log.register(Instant.parse("2026-12-02T16:00:00Z"), false);
        log.register(Instant.parse("2026-12-02T15:59:59Z"), false);

        CountSeries series = queries.registrations(new SeriesQuery(null, null, null));

        assertEquals("hour", series.granularity());
        assertEquals(Instant.parse("2026-12-02T16:00:00Z"), series.from());
        assertEquals(Instant.parse("2026-12-04T16:00:00Z"), series.to());
        assertEquals(48, series.buckets().size());
        assertEquals(new CountBucket(Instant.parse("2026-12-02T16:00:00Z"), 1), series.buckets().getFirst());
        assertEquals(new CountBucket(Instant.parse("2026-12-04T15:00:00Z"), 2), series.buckets().getLast());
        assertEquals(3, series.total());
        assertTrue(series.complete());
        assertEquals(DashboardQueries.MAX_SCANNED + 1, log.lastLimit(), "one more than the bound, to see it was hit");
    }

    @Test
    void daysAndAnExplicitWindow() {
        log.register(Instant.parse("2026-11-30T23:59:59Z"), false);
        CountSeries series = queries.registrations(new SeriesQuery("day", "2026-11-29T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals(List.of(0L, 1L), series.buckets().stream().map(CountBucket::count).toList());
    }

    @Test
    void windowsAreBoundedAndTakenLiterally() {
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("week", null, null)));
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("hour", "2026-12-01T00:00:00Z", null)));
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("hour", "yesterday", "2026-12-01T00:00:00Z")));
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("hour", "2026-12-01T00:30:00Z", "2026-12-01T02:00:00Z")),
                "not on an hour boundary");
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("hour", "2026-11-01T00:00:00Z", "2026-11-08T01:00:00Z")),
                "169 hours");
        assertEquals(168, queries.registrations(new SeriesQuery("hour", "2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z")).buckets().size());
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("day", "2026-01-01T00:00:00Z", "2026-04-04T00:00:00Z")),
                "93 days");
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("day", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")));
        assertThrows(InvalidValue.class, () -> queries.registrations(new SeriesQuery("day", "1999-12-01T00:00:00Z", "1999-12-02T00:00:00Z")));
    }

    @Test
    void pastTheBoundTheSeriesSaysItIsIncompleteAndFromWhereItIsWhole() {
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        for (int i = 0; i < DashboardQueries.MAX_SCANNED + 10; i++) {
            log.register(start.plusMillis(i * 100L), false);
        }
        CountSeries series = queries.registrations(new SeriesQuery(null, null, null));
        assertFalse(series.complete());
        assertEquals(DashboardQueries.MAX_SCANNED, series.total());
        // The newest 50,000 of one every 100 ms reach back into 10:00, so whole buckets start at 11:00.
        assertEquals(Instant.parse("2026-12-04T11:00:00Z"), series.coveredFrom());
    }

    @Test
    void purchasesAreCountedPerDayOfTheirRecordAndBoundedLikeEverySeries() {
        log.recordPurchase(Instant.parse("2026-12-03T09:00:00Z"));
        log.recordPurchase(Instant.parse("2026-12-04T08:00:00Z"));
        log.recordPurchase(Instant.parse("2026-12-04T15:41:59Z"));
        log.recordPurchase(Instant.parse("2026-11-01T00:00:00Z"));

        CountSeries series = queries.purchases(new SeriesQuery("day", null, null));

        assertEquals(30, series.buckets().size());
        assertEquals(List.of(1L, 2L), series.buckets().subList(28, 30).stream().map(CountBucket::count).toList());
        assertEquals(3, series.total(), "November 1st is outside the last 30 days");
        assertEquals(DashboardQueries.MAX_SCANNED + 1, log.lastLimit());
        assertThrows(InvalidValue.class, () -> queries.purchases(new SeriesQuery("day", "2026-01-01T00:00:00Z", "2026-04-04T00:00:00Z")));
    }

    @Test
    void walletVolumeSumsWhatAddedAndWhatTookPerCurrency() {
        Instant hour = Instant.parse("2026-12-04T14:00:00Z");
        log.move(new ActivityLog.WalletMovement(hour.plusSeconds(10), "CREDITS", 500, true));
        log.move(new ActivityLog.WalletMovement(hour.plusSeconds(20), "CREDITS", 200, false));
        log.move(new ActivityLog.WalletMovement(hour.plusSeconds(30), "EUR", 99, true));

        VolumeSeries series = queries.walletVolume(new SeriesQuery("hour", "2026-12-04T13:00:00Z", "2026-12-04T15:00:00Z"));

        assertEquals(3, series.transactions());
        assertEquals(List.of("CREDITS", "EUR"), series.currencies().stream().map(DashboardQueries.CurrencyVolume::currency).toList());
        var credits = series.currencies().getFirst().buckets();
        assertEquals(new DashboardQueries.VolumeBucket(Instant.parse("2026-12-04T13:00:00Z"), 0, 0, 0), credits.get(0));
        assertEquals(new DashboardQueries.VolumeBucket(hour, 2, 500, 200), credits.get(1));
    }
}

package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchReportTest {

    private static final Instant START = Instant.parse("2026-05-01T10:00:00.123456Z");
    private static final Instant END = START.plusSeconds(600);

    private static PlayerResult line(MatchResult result, long points, long coins) {
        return new PlayerResult(UserId.newId(START), result, points, coins);
    }

    private static List<PlayerResult> lines(int n) {
        List<PlayerResult> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(line(i == 0 ? MatchResult.WIN : MatchResult.LOSS, 10, 0));
        }
        return lines;
    }

    @Test
    void aMatchHasTwoToEightDistinctPlayers() {
        assertThrows(InvalidValue.class, () -> new MatchReport(new MatchId("m1"), START, END, lines(1)));
        assertEquals(2, new MatchReport(new MatchId("m1"), START, END, lines(2)).players().size());
        assertEquals(8, new MatchReport(new MatchId("m1"), START, END, lines(8)).players().size());
        assertThrows(InvalidValue.class, () -> new MatchReport(new MatchId("m1"), START, END, lines(9)));
        PlayerResult ann = line(MatchResult.WIN, 1, 0);
        assertThrows(InvalidValue.class, () -> new MatchReport(new MatchId("m1"), START, END, List.of(ann, ann)));
    }

    @Test
    void endsNoEarlierThanItStartsAndKeepsMilliseconds() {
        assertThrows(InvalidValue.class, () -> new MatchReport(new MatchId("m1"), END, START, lines(2)));
        MatchReport report = new MatchReport(new MatchId("m1"), START, START, lines(2));
        assertEquals(Instant.parse("2026-05-01T10:00:00.123Z"), report.startedAt());
    }

    @Test
    void timesOutsideWhatARealMatchCanHaveAreRefused() {
        Instant now = END.plusSeconds(60);
        new MatchReport(new MatchId("m1"), START, END, lines(2)).requirePlausibleTimes(now);
        new MatchReport(new MatchId("m1"), MatchReport.EARLIEST, now.plus(MatchReport.CLOCK_SKEW), lines(2)).requirePlausibleTimes(now);
        InvalidValue early = assertThrows(InvalidValue.class, () -> new MatchReport(new MatchId("m1"),
                Instant.parse("1999-12-31T23:59:59Z"), END, lines(2)).requirePlausibleTimes(now));
        assertEquals("started_at", early.fieldErrors().get(0).field());
        InvalidValue late = assertThrows(InvalidValue.class, () -> new MatchReport(new MatchId("m1"), START,
                now.plus(MatchReport.CLOCK_SKEW).plusMillis(1), lines(2)).requirePlausibleTimes(now));
        assertEquals("ended_at", late.fieldErrors().get(0).field());
        Instant farFuture = Instant.parse("+999999999-12-31T23:59:59Z");
        assertThrows(InvalidValue.class, () -> new MatchReport(new MatchId("m1"), farFuture, farFuture, lines(2))
                .requirePlausibleTimes(now));
    }

    @Test
    void matchIdsAndLinesAreBounded() {
        assertThrows(InvalidValue.class, () -> new MatchId(""));
        assertThrows(InvalidValue.class, () -> new MatchId("a".repeat(65)));
        assertThrows(InvalidValue.class, () -> new MatchId("$where"));
        assertEquals("table-7:round.3_x", new MatchId("table-7:round.3_x").value());
        assertThrows(InvalidValue.class, () -> line(MatchResult.WIN, -1, 0));
        assertThrows(InvalidValue.class, () -> line(MatchResult.WIN, PlayerResult.MAX_POINTS + 1, 0));
        assertThrows(InvalidValue.class, () -> line(MatchResult.WIN, 0, -PlayerResult.MAX_COINS_DELTA - 1));
        assertThrows(InvalidValue.class, () -> line(MatchResult.WIN, 0, PlayerResult.MAX_COINS_DELTA + 1));
        assertThrows(InvalidValue.class, () -> line(MatchResult.WIN, 0, Long.MIN_VALUE), "whose absolute value overflows");
        assertEquals(MatchResult.LOSS, MatchResult.fromWire("loss"));
        assertThrows(InvalidValue.class, () -> MatchResult.fromWire("draw"));
    }

    @Test
    void debitAndCreditSplitTheDelta() {
        assertEquals(30, line(MatchResult.LOSS, 0, -30).debit());
        assertEquals(0, line(MatchResult.LOSS, 0, -30).credit());
        assertEquals(0, line(MatchResult.WIN, 0, 30).debit());
        assertEquals(30, line(MatchResult.WIN, 0, 30).credit());
    }

    @Test
    void theSameReportInAnotherPlayerOrderIsTheSameMatch() {
        List<PlayerResult> lines = lines(3);
        MatchReport report = new MatchReport(new MatchId("m1"), START, END, lines);
        assertTrue(report.sameAs(new MatchReport(new MatchId("m1"), START, END, List.of(lines.get(2), lines.get(0), lines.get(1)))));
        assertFalse(report.sameAs(new MatchReport(new MatchId("m1"), START, END.plusMillis(1), lines)));
        List<PlayerResult> changed = new ArrayList<>(lines);
        changed.set(1, new PlayerResult(lines.get(1).userId(), MatchResult.LOSS, 11, 0));
        assertFalse(report.sameAs(new MatchReport(new MatchId("m1"), START, END, changed)));
        assertFalse(report.sameAs(new MatchReport(new MatchId("m2"), START, END, lines)));
    }

    @Test
    void leaderboardFilterKeepsComputerPlayersAndNewcomersOutWhenAsked() {
        DutchStats fewMatches = DutchStats.derive(2, 0, 2, 10, null);
        LeaderboardFilter byRate = new LeaderboardFilter(LeaderboardOrder.WIN_RATE, false, 5);
        assertFalse(byRate.admits(true, false, fewMatches));
        assertTrue(new LeaderboardFilter(LeaderboardOrder.POINTS, false, 5).admits(true, false, fewMatches));
        assertFalse(new LeaderboardFilter(LeaderboardOrder.POINTS, false, 5).admits(true, true, fewMatches));
        assertTrue(new LeaderboardFilter(LeaderboardOrder.POINTS, true, 5).admits(true, true, fewMatches));
        assertFalse(new LeaderboardFilter(LeaderboardOrder.POINTS, true, 5).admits(false, false, fewMatches));
    }
}

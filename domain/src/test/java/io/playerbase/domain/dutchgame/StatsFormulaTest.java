package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatsFormulaTest {

    @Test
    void winRateIsZeroBeforeTheFirstMatchAndRoundsHalfUpToFourDecimals() {
        assertEquals(0.0, StatsFormula.winRate(0, 0));
        assertEquals(1.0, StatsFormula.winRate(1, 1));
        assertEquals(0.0, StatsFormula.winRate(0, 5));
        assertEquals(0.3333, StatsFormula.winRate(1, 3));
        assertEquals(0.6667, StatsFormula.winRate(2, 3));
        assertEquals(0.0001, StatsFormula.winRate(1, 20_000), "0.00005 rounds up");
        assertEquals(0.0, StatsFormula.winRate(1, 20_001), "just below 0.00005 rounds down");
    }

    @Test
    void levelStepsAtFiftyTimesTheSquareOfTheLevelBelow() {
        assertEquals(1, StatsFormula.level(-5));
        assertEquals(1, StatsFormula.level(0));
        assertEquals(1, StatsFormula.level(49));
        assertEquals(2, StatsFormula.level(50));
        assertEquals(2, StatsFormula.level(199));
        assertEquals(3, StatsFormula.level(200));
        assertEquals(3, StatsFormula.level(449));
        assertEquals(4, StatsFormula.level(450));
        assertEquals(10, StatsFormula.level(50L * 81));
        assertEquals(9, StatsFormula.level(50L * 81 - 1));
        assertEquals(100, StatsFormula.level(50L * 99 * 99));
        assertEquals(99, StatsFormula.level(50L * 99 * 99 - 1));
        assertEquals(100, StatsFormula.level(Long.MAX_VALUE / 2), "capped");
    }

    @Test
    void rankNeedsTenMatchesThenFollowsTheLevel() {
        assertEquals("unranked", StatsFormula.rank(9, 50));
        assertEquals("bronze", StatsFormula.rank(10, 1));
        assertEquals("bronze", StatsFormula.rank(10, 4));
        assertEquals("silver", StatsFormula.rank(10, 5));
        assertEquals("silver", StatsFormula.rank(10, 9));
        assertEquals("gold", StatsFormula.rank(10, 10));
        assertEquals("gold", StatsFormula.rank(10, 19));
        assertEquals("platinum", StatsFormula.rank(10, 20));
        assertEquals("platinum", StatsFormula.rank(10, 34));
        assertEquals("diamond", StatsFormula.rank(10, 35));
    }

    @Test
    void initialStatsMatchTheRegistryDefaults() {
        DutchStats initial = DutchStats.initial();
        assertEquals(new DutchStats(0, 0, 0, 0, 1, "unranked", 0.0, 1, null), initial);
    }

    @Test
    void aMatchAddsToTheCountersAndRederives() {
        Instant end = Instant.parse("2026-05-01T10:00:00Z");
        PlayerResult win = new PlayerResult(UserId.newId(end), MatchResult.WIN, 60, 0);
        DutchStats after = DutchStats.initial().after(win, end);
        assertEquals(new DutchStats(1, 0, 1, 60, 2, "unranked", 1.0, StatsFormula.VERSION, end), after);
        PlayerResult loss = new PlayerResult(win.userId(), MatchResult.LOSS, 0, -5);
        DutchStats late = after.after(loss, end.minusSeconds(60));
        assertEquals(2, late.totalMatches());
        assertEquals(1, late.losses());
        assertEquals(0.5, late.winRate());
        assertEquals(end, late.lastMatchAt(), "a late report does not move last_match_at back");
    }

    @Test
    void tenthMatchRanksThePlayer() {
        Instant end = Instant.parse("2026-05-01T10:00:00Z");
        DutchStats stats = DutchStats.derive(5, 4, 9, 500, end);
        assertEquals("unranked", stats.rank());
        DutchStats tenth = stats.after(new PlayerResult(UserId.newId(end), MatchResult.LOSS, 0, 0), end);
        assertEquals("bronze", tenth.rank());
        assertEquals(4, tenth.level());
    }
}

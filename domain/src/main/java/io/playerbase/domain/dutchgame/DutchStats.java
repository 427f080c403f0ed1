package io.playerbase.domain.dutchgame;

import java.time.Instant;

/**
 * A player's Dutch statistics: the counters, and what {@link StatsFormula} derives from them.
 * Coins are not here: they move with holds (see {@link DutchGameRepository}) and are written apart.
 */
public record DutchStats(long wins, long losses, long totalMatches, long points, int level, String rank,
                         double winRate, int formulaVersion, Instant lastMatchAt) {

    public static DutchStats initial() {
        return derive(0, 0, 0, 0, null);
    }

    /** Stats from counters, derived with the current formula. */
    public static DutchStats derive(long wins, long losses, long totalMatches, long points, Instant lastMatchAt) {
        int level = StatsFormula.level(points);
        return new DutchStats(wins, losses, totalMatches, points, level, StatsFormula.rank(totalMatches, level),
                StatsFormula.winRate(wins, totalMatches), StatsFormula.VERSION, lastMatchAt);
    }

    /** The stats after one more match; {@code last_match_at} never moves back for a late report. */
    public DutchStats after(PlayerResult result, Instant endedAt) {
        boolean won = result.result() == MatchResult.WIN;
        Instant last = lastMatchAt == null || endedAt.isAfter(lastMatchAt) ? endedAt : lastMatchAt;
        return derive(wins + (won ? 1 : 0), losses + (won ? 0 : 1), totalMatches + 1, points + result.points(), last);
    }
}

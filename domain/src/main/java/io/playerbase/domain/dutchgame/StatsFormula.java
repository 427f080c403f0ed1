package io.playerbase.domain.dutchgame;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How {@code win_rate}, {@code level} and {@code rank} derive from the counters (docs/dutch-game.md).
 * The version is stored with each player's stats; a new formula gets a new version, and stats written
 * under an older one are recomputed from the counters when the player next plays.
 */
public final class StatsFormula {

    public static final int VERSION = 1;
    /** Points for level n: {@code POINTS_PER_LEVEL_STEP × (n − 1)²}. */
    public static final long POINTS_PER_LEVEL_STEP = 50;
    public static final int MAX_LEVEL = 100;
    /** Matches a player needs before they get a rank other than {@code unranked}. */
    public static final long RANKED_AFTER_MATCHES = 10;

    private StatsFormula() {
    }

    /** wins / total, rounded half-up to 4 decimals; 0.0 before the first match. */
    public static double winRate(long wins, long totalMatches) {
        if (totalMatches <= 0) {
            return 0.0;
        }
        return BigDecimal.valueOf(wins).divide(BigDecimal.valueOf(totalMatches), 4, RoundingMode.HALF_UP).doubleValue();
    }

    /** The largest n ≤ 100 with 50 × (n − 1)² ≤ points: 0–49 → 1, 50–199 → 2, 200–449 → 3, … */
    public static int level(long points) {
        if (points <= 0) {
            return 1;
        }
        long steps = (long) Math.sqrt((double) points / POINTS_PER_LEVEL_STEP);
        while (POINTS_PER_LEVEL_STEP * (steps + 1) * (steps + 1) <= points) {
            steps++;
        }
        while (steps > 0 && POINTS_PER_LEVEL_STEP * steps * steps > points) {
            steps--;
        }
        return (int) Math.min(MAX_LEVEL, steps + 1);
    }

    /** {@code unranked} below 10 matches; then by level: bronze 1–4, silver 5–9, gold 10–19, platinum 20–34, diamond 35+. */
    public static String rank(long totalMatches, int level) {
        if (totalMatches < RANKED_AFTER_MATCHES) {
            return "unranked";
        }
        if (level >= 35) {
            return "diamond";
        }
        if (level >= 20) {
            return "platinum";
        }
        if (level >= 10) {
            return "gold";
        }
        if (level >= 5) {
            return "silver";
        }
        return "bronze";
    }
}

package io.playerbase.domain.dutchgame;

import java.util.Objects;

/**
 * Which players a leaderboard holds: active players, computer players only when asked, and by win
 * rate only those with at least {@code minMatchesForWinRate} matches (a 1–0 record is not a 100 % player).
 */
public record LeaderboardFilter(LeaderboardOrder order, boolean includeCompPlayers, long minMatchesForWinRate) {

    public LeaderboardFilter {
        Objects.requireNonNull(order, "order");
    }

    public long minMatches() {
        return order == LeaderboardOrder.WIN_RATE ? minMatchesForWinRate : 0;
    }

    /** Whether a player with these properties is on the board (the adapters' query says the same). */
    public boolean admits(boolean active, boolean compPlayer, DutchStats stats) {
        return active && (includeCompPlayers || !compPlayer) && stats.totalMatches() >= minMatches();
    }
}

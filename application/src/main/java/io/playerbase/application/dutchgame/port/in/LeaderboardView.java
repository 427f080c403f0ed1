package io.playerbase.application.dutchgame.port.in;

import java.util.List;

/**
 * A slice of a leaderboard. {@code nextCursor} continues after the last entry (null at the end);
 * {@code rank} of an entry is its 1-based place on the board.
 */
public record LeaderboardView(String by, List<Entry> entries, String nextCursor) {

    public record Entry(long rank, PlayerStatsView player) {
    }
}

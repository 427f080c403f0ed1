package io.playerbase.application.dutchgame.port.in;

import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.shared.UserId;

/** Reads of the Dutch module. Stats and leaderboards go through the read-only leaderboard port. */
public interface DutchGameQueries {

    /**
     * A stored match, for the game server that reported it ({@code readerId} = its key id) or staff;
     * {@code NotFound} for anyone else, so match ids of other servers are not revealed.
     */
    MatchView match(MatchId matchId, String readerId, boolean staff);

    PlayerStatsView stats(UserId player);

    /** @param cursor from a previous page's {@code nextCursor}, or null for the top */
    LeaderboardView leaderboard(LeaderboardOrder by, int limit, String cursor, boolean includeCompPlayers);

    /** The player and up to {@code radius} neighbours on each side; the player must be on the board. */
    LeaderboardView around(UserId player, LeaderboardOrder by, int radius, boolean includeCompPlayers);
}

package io.playerbase.application.dutchgame.port.in;

import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

/** Reads of the Dutch module. Stats and leaderboards go through the read-only leaderboard port. */
public interface DutchGameQueries {

    /**
     * A stored match, for the game server that reported it ({@code readerId} = its key id) or staff;
     * {@code NotFound} for anyone else, so match ids of other servers are not revealed.
     */
    MatchView match(MatchId matchId, String readerId, boolean staff);

    PlayerStatsView stats(UserId player);

    /**
     * A page of the leaderboard from the top ({@code page.cursor()} null) or after a previous page.
     *
     * @param page within {@link #leaderboardPages()} ({@code InvalidValue} on {@code limit} otherwise)
     */
    LeaderboardView leaderboard(LeaderboardOrder by, PageRequest page, boolean includeCompPlayers);

    /** The leaderboard's pages: 20 players unless asked otherwise, at most {@code playerbase.dutch-game.max-page-size}. */
    PageRequest.Limits leaderboardPages();

    /** The player and up to {@code radius} neighbours on each side; the player must be on the board. */
    LeaderboardView around(UserId player, LeaderboardOrder by, int radius, boolean includeCompPlayers);
}

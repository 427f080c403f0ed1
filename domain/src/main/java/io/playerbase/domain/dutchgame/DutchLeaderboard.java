package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.ReadOnlyPort;
import io.playerbase.domain.shared.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Read-only port for stats and leaderboards. Meant to be served by the {@code read_only} database
 * role: nothing here writes.
 */
public interface DutchLeaderboard extends ReadOnlyPort {

    /** Any existing player's public stats, also those not on a board (suspended players are not found). */
    Optional<Standing> standing(UserId player);

    /** Up to {@code limit} players of the board strictly after {@code after} (from the top when null). */
    List<Standing> after(LeaderboardFilter filter, LeaderboardPosition after, int limit);

    /** Up to {@code limit} players strictly before {@code before}, nearest first. */
    List<Standing> before(LeaderboardFilter filter, LeaderboardPosition before, int limit);

    /** How many players of the board are strictly before the position. */
    long countBefore(LeaderboardFilter filter, LeaderboardPosition position);
}

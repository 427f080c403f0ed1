package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;

import static io.playerbase.adapters.mongo.dutchgame.DutchGameDocumentMapper.MODULE;

/**
 * The boards of the indexed leaderboards (docs/dutch-game.md, "Leaderboards at scale"): per order, the
 * active human players and the active computer players are two boards, each one range of its V0102 index
 * ({@code status, is_comp_player, <value> desc, _id}); a leaderboard with computer players merges both.
 * The win-rate board sorts by {@code _board_win_rate}, the win rate of players with the minimum of matches
 * (absent below it), written with every stats write.
 */
final class DutchBoards {

    /** The rankings collection: the state and the marks of each board ({@link DutchRankings}). */
    static final String RANKINGS = "dutch_rankings";
    static final String BOARD_WIN_RATE = "_board_win_rate";
    /** A numeric lower bound below every value: keeps a board's range among numbers (as MongoDB's bounds do). */
    static final double LOWEST = Double.NEGATIVE_INFINITY;

    private DutchBoards() {
    }

    static String field(LeaderboardOrder order) {
        return MODULE + "." + switch (order) {
            case POINTS -> "points";
            case WINS -> "wins";
            case WIN_RATE -> BOARD_WIN_RATE;
        };
    }

    /** The board's name in {@link #RANKINGS}: {@code points:human}, {@code win_rate:comp}… */
    static String name(LeaderboardOrder order, boolean compPlayers) {
        return order.wire() + ":" + (compPlayers ? "comp" : "human");
    }

    /** The members of one board: active, of one kind, and (win rate) with the minimum of matches. */
    static List<Bson> members(LeaderboardOrder order, boolean compPlayers, long minMatches) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("status", "active"), Filters.eq("is_comp_player", compPlayers)));
        if (order == LeaderboardOrder.WIN_RATE) {
            conditions.add(Filters.gte(MODULE + ".total_matches", minMatches));
        }
        return conditions;
    }

    static Bson and(List<Bson> members, Bson... more) {
        List<Bson> all = new ArrayList<>(members);
        all.addAll(List.of(more));
        return Filters.and(all);
    }

    /** The board's order: value descending, then user id ascending. */
    static Bson order(LeaderboardOrder order) {
        return Sorts.orderBy(Sorts.descending(field(order)), Sorts.ascending("_id"));
    }

    /** The board's order reversed. */
    static Bson reversed(LeaderboardOrder order) {
        return Sorts.orderBy(Sorts.ascending(field(order)), Sorts.descending("_id"));
    }

    /** Whether (value, id) comes strictly before (otherValue, otherId) on a board. */
    static boolean before(double value, String id, double otherValue, String otherId) {
        return value > otherValue || (value == otherValue && id.compareTo(otherId) < 0);
    }

    static ObjectId id(String userId) {
        return new ObjectId(userId);
    }
}

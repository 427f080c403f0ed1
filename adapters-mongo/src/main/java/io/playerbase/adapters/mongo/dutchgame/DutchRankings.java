package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.client.model.Filters;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.LeaderboardPosition;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.util.List;
import java.util.Optional;

/**
 * Reads what {@link DutchRankingPass} writes to {@code dutch_rankings}: whether the win-rate board is
 * stamped for a minimum of matches, and each board's marks. A mark is a place on the board (value, user
 * id) and how many players were strictly before it when the pass last read the board; the pass sets one
 * every {@code ranking-mark-every} players. A rank is then the nearest mark at or before the place plus
 * the players counted from that mark to the place, a count bounded by the marks' spacing whatever the
 * board's size.
 *
 * <pre>
 * { _id: "state", win_rate_min_matches: 10, stamped_at }
 * { _id: "points:human", generation, every: 1000, size, computed_at, chunks: [{ v, u, r, n }] }
 * { _id: "points:human:&lt;generation&gt;:&lt;n&gt;", board: "points:human", generation, marks: [{ v, u, r }] }
 * </pre>
 */
@Singleton
final class DutchRankings {

    /** The nearest mark at or before a place: {@code null} before the first mark (count from the top). */
    record Mark(double value, String userId, long rank) {
    }

    private final ReadOnlyMongo mongo;

    DutchRankings(ReadOnlyMongo mongo) {
        this.mongo = mongo;
    }

    /** The minimum of matches the win-rate board is stamped for, if the stamping is complete. */
    Optional<Long> winRateMinMatches() {
        Document state = mongo.find(DutchBoards.RANKINGS, Filters.eq("_id", "state")).first();
        return state == null || !(state.get("win_rate_min_matches") instanceof Number min)
                ? Optional.empty() : Optional.of(min.longValue());
    }

    /**
     * The nearest mark at or before {@code position} on the board; empty when there is none (before the first
     * mark, or no pass has run yet): then the count starts at the top.
     */
    Optional<Mark> nearestMark(LeaderboardOrder order, boolean compPlayers, LeaderboardPosition position) {
        String board = DutchBoards.name(order, compPlayers);
        for (int attempt = 0; attempt < 2; attempt++) {
            Document summary = mongo.find(DutchBoards.RANKINGS, Filters.eq("_id", board)).first();
            if (summary == null) {
                return Optional.empty();
            }
            Document chunk = last(summary.getList("chunks", Document.class, List.of()), position);
            if (chunk == null) {
                return Optional.empty();
            }
            Document marks = mongo.find(DutchBoards.RANKINGS, Filters.eq("_id",
                    board + ":" + summary.get("generation") + ":" + chunk.get("n"))).first();
            if (marks == null) {
                continue; // a newer pass replaced this generation meanwhile: read its summary
            }
            Document mark = last(marks.getList("marks", Document.class, List.of()), position);
            return mark == null ? Optional.empty()
                    : Optional.of(new Mark(mark.getDouble("v"), mark.getString("u"), ((Number) mark.get("r")).longValue()));
        }
        return Optional.empty();
    }

    /** The last of the ordered places (each {@code {v, u}}) at or before the position; binary search. */
    private static Document last(List<Document> places, LeaderboardPosition position) {
        int low = 0;
        int high = places.size() - 1;
        Document found = null;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Document place = places.get(middle);
            boolean atOrBefore = !DutchBoards.before(position.value(), position.userId().value(),
                    place.getDouble("v"), place.getString("u"));
            if (atOrBefore) {
                found = place;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }
}

package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.dutchgame.DutchLeaderboard;
import io.playerbase.domain.dutchgame.LeaderboardFilter;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.LeaderboardPosition;
import io.playerbase.domain.dutchgame.Standing;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.playerbase.adapters.mongo.dutchgame.DutchGameDocumentMapper.MODULE;

/**
 * {@link DutchLeaderboard} on {@code users}. Every read costs a bounded number of index entries, whatever
 * the number of players (docs/dutch-game.md, "Leaderboards at scale"):
 * <ul>
 *   <li>a page is one or two range reads of a board's index ({@link DutchBoards}: equality on status and
 *       kind, a range on the value, the board's order), each stopping at the page size; with computer
 *       players the two boards' pages are merged;</li>
 *   <li>a rank is the nearest mark of the ranking pass ({@link DutchRankings}) plus the players counted from
 *       it to the place: at most the marks' spacing, plus the players who moved past the mark since the
 *       pass. Should a count pass four spacings (no pass yet, or a board reshuffled since), it counts on to
 *       stay exact.</li>
 * </ul>
 * The win-rate board needs every player stamped for the filter's minimum of matches; until the ranking
 * pass has done that (a first start, a changed setting), win-rate reads take the scanning queries of
 * before. Reads only, through the read-only role.
 */
@Singleton
final class DutchLeaderboardMongoAdapter implements DutchLeaderboard {

    private static final Bson PROJECTION = Projections.include("username", "is_comp_player", "status", MODULE);
    private static final Bson ID_ONLY = Projections.include("_id");

    /** Leaderboards are reports: the read-only database role serves them (secondaryPreferred). */
    private final ReadOnlyMongo mongo;
    private final DutchRankings rankings;
    private final int countCap;

    DutchLeaderboardMongoAdapter(ReadOnlyMongo mongo, DutchRankings rankings, DutchBoardSettings settings) {
        this.mongo = mongo;
        this.rankings = rankings;
        this.countCap = settings.rankingMarkEvery() * 4;
    }

    @Override
    public Optional<Standing> standing(UserId player) {
        return MongoErrors.call(() -> Optional.ofNullable(mongo.find(DutchGameDocumentMapper.USERS, Filters.and(
                        Filters.eq("_id", new ObjectId(player.value())), Filters.eq("status", "active")))
                .projection(PROJECTION).first()).map(DutchGameDocumentMapper::toStanding));
    }

    @Override
    public List<Standing> after(LeaderboardFilter filter, LeaderboardPosition after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return MongoErrors.call(() -> {
            if (!indexed(filter)) {
                return Scanning.after(mongo, filter, after, limit);
            }
            List<Standing> page = new ArrayList<>();
            for (boolean compPlayers : kinds(filter)) {
                page.addAll(boardAfter(filter, compPlayers, after, limit));
            }
            page.sort(boardOrder(filter.order()));
            return page.subList(0, Math.min(limit, page.size()));
        });
    }

    @Override
    public List<Standing> before(LeaderboardFilter filter, LeaderboardPosition before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return MongoErrors.call(() -> {
            if (!indexed(filter)) {
                return Scanning.before(mongo, filter, before, limit);
            }
            List<Standing> nearestFirst = new ArrayList<>();
            for (boolean compPlayers : kinds(filter)) {
                nearestFirst.addAll(boardBefore(filter, compPlayers, before, limit));
            }
            nearestFirst.sort(boardOrder(filter.order()).reversed());
            return nearestFirst.subList(0, Math.min(limit, nearestFirst.size()));
        });
    }

    @Override
    public long countBefore(LeaderboardFilter filter, LeaderboardPosition position) {
        return MongoErrors.call(() -> {
            if (!indexed(filter)) {
                return Scanning.countBefore(mongo, filter, position);
            }
            long before = 0;
            for (boolean compPlayers : kinds(filter)) {
                before += boardCountBefore(filter, compPlayers, position);
            }
            return before;
        });
    }

    /** Whether the filter's board has its index: always by points and wins; by win rate once stamped for its minimum. */
    private boolean indexed(LeaderboardFilter filter) {
        return filter.order() != LeaderboardOrder.WIN_RATE
                || rankings.winRateMinMatches().filter(min -> min == filter.minMatches()).isPresent();
    }

    private static List<Boolean> kinds(LeaderboardFilter filter) {
        return filter.includeCompPlayers() ? List.of(false, true) : List.of(false);
    }

    private static Comparator<Standing> boardOrder(LeaderboardOrder order) {
        return Comparator.comparingDouble((Standing standing) -> -order.valueOf(standing.stats()))
                .thenComparing(standing -> standing.userId().value());
    }

    /** Up to {@code limit} players of one board after the position: the rest of its tie, then lower values. */
    private List<Standing> boardAfter(LeaderboardFilter filter, boolean compPlayers, LeaderboardPosition after, int limit) {
        LeaderboardOrder order = filter.order();
        List<Bson> members = DutchBoards.members(order, compPlayers, filter.minMatches());
        String field = DutchBoards.field(order);
        if (after == null) {
            return read(DutchBoards.and(members, Filters.gte(field, DutchBoards.LOWEST)), DutchBoards.order(order), limit);
        }
        List<Standing> page = new ArrayList<>(read(DutchBoards.and(members, Filters.eq(field, after.value()),
                Filters.gt("_id", DutchBoards.id(after.userId().value()))), Sorts.ascending("_id"), limit));
        if (page.size() < limit) {
            page.addAll(read(DutchBoards.and(members, Filters.lt(field, after.value())), DutchBoards.order(order), limit - page.size()));
        }
        return page;
    }

    /** Up to {@code limit} players of one board before the position, nearest first. */
    private List<Standing> boardBefore(LeaderboardFilter filter, boolean compPlayers, LeaderboardPosition before, int limit) {
        LeaderboardOrder order = filter.order();
        List<Bson> members = DutchBoards.members(order, compPlayers, filter.minMatches());
        String field = DutchBoards.field(order);
        List<Standing> page = new ArrayList<>(read(DutchBoards.and(members, Filters.eq(field, before.value()),
                Filters.lt("_id", DutchBoards.id(before.userId().value()))), Sorts.descending("_id"), limit));
        if (page.size() < limit) {
            page.addAll(read(DutchBoards.and(members, Filters.gt(field, before.value())), DutchBoards.reversed(order),
                    limit - page.size()));
        }
        return page;
    }

    /** Players of one board strictly before the position: the nearest mark's rank plus the players from it. */
    private long boardCountBefore(LeaderboardFilter filter, boolean compPlayers, LeaderboardPosition position) {
        Optional<DutchRankings.Mark> mark = rankings.nearestMark(filter.order(), compPlayers, position);
        if (mark.isPresent()) {
            long counted = countFrom(filter, compPlayers, mark.get(), position, countCap);
            if (counted >= 0) {
                return mark.get().rank() + counted;
            }
        }
        // No mark yet (or the board moved a lot since the pass): count from the top, however far that is.
        return countFrom(filter, compPlayers, null, position, Integer.MAX_VALUE);
    }

    /**
     * The players of the board from the mark (inclusive; the top when null) to the position (exclusive), or
     * -1 when there are more than {@code cap}: the rest of the mark's tie, the values between, the position's
     * tie up to it. Each part is one range read of the board's index, stopping at the cap.
     */
    private long countFrom(LeaderboardFilter filter, boolean compPlayers, DutchRankings.Mark mark,
                           LeaderboardPosition position, int cap) {
        LeaderboardOrder order = filter.order();
        List<Bson> members = DutchBoards.members(order, compPlayers, filter.minMatches());
        String field = DutchBoards.field(order);
        ObjectId to = DutchBoards.id(position.userId().value());
        List<Bson> parts = new ArrayList<>();
        List<Bson> sorts = new ArrayList<>();
        if (mark != null && mark.value() == position.value()) {
            parts.add(DutchBoards.and(members, Filters.eq(field, position.value()),
                    Filters.gte("_id", DutchBoards.id(mark.userId())), Filters.lt("_id", to)));
            sorts.add(Sorts.ascending("_id"));
        } else {
            if (mark != null) {
                parts.add(DutchBoards.and(members, Filters.eq(field, mark.value()), Filters.gte("_id", DutchBoards.id(mark.userId()))));
                sorts.add(Sorts.ascending("_id"));
                parts.add(DutchBoards.and(members, Filters.lt(field, mark.value()), Filters.gt(field, position.value())));
            } else {
                parts.add(DutchBoards.and(members, Filters.gt(field, position.value())));
            }
            sorts.add(DutchBoards.order(order));
            parts.add(DutchBoards.and(members, Filters.eq(field, position.value()), Filters.lt("_id", to)));
            sorts.add(Sorts.ascending("_id"));
        }
        long counted = 0;
        for (int i = 0; i < parts.size(); i++) {
            long left = (long) cap - counted;
            int limit = (int) Math.min(Integer.MAX_VALUE - 1L, left) + 1;
            int found = 0;
            for (Document ignored : mongo.find(DutchGameDocumentMapper.USERS, parts.get(i)).sort(sorts.get(i))
                    .projection(ID_ONLY).limit(cap == Integer.MAX_VALUE ? 0 : limit).batchSize(1000)) {
                found++;
            }
            counted += found;
            if (cap != Integer.MAX_VALUE && counted > cap) {
                return -1;
            }
        }
        return counted;
    }

    private List<Standing> read(Bson query, Bson sort, int limit) {
        List<Standing> found = new ArrayList<>();
        for (Document user : mongo.find(DutchGameDocumentMapper.USERS, query).sort(sort).limit(limit).projection(PROJECTION)) {
            found.add(DutchGameDocumentMapper.toStanding(user));
        }
        return found;
    }

    /**
     * The queries of before V0102: one filter over all players, sorted by the value. Used for a win-rate board
     * not (yet) stamped for the filter's minimum; they read past the players not on the board.
     */
    private static final class Scanning {

        private Scanning() {
        }

        private static String field(LeaderboardOrder order) {
            return MODULE + "." + order.wire();
        }

        private static Bson board(LeaderboardFilter filter) {
            List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("status", "active")));
            if (!filter.includeCompPlayers()) {
                conditions.add(Filters.ne("is_comp_player", true));
            }
            if (filter.minMatches() > 0) {
                conditions.add(Filters.gte(MODULE + ".total_matches", filter.minMatches()));
            }
            return Filters.and(conditions);
        }

        private static Bson before(LeaderboardFilter filter, LeaderboardPosition position) {
            String field = field(filter.order());
            return Filters.or(Filters.gt(field, position.value()),
                    Filters.and(Filters.eq(field, position.value()), Filters.lt("_id", new ObjectId(position.userId().value()))));
        }

        private static Bson after(LeaderboardFilter filter, LeaderboardPosition position) {
            String field = field(filter.order());
            return Filters.or(Filters.lt(field, position.value()),
                    Filters.and(Filters.eq(field, position.value()), Filters.gt("_id", new ObjectId(position.userId().value()))));
        }

        static List<Standing> after(ReadOnlyMongo mongo, LeaderboardFilter filter, LeaderboardPosition after, int limit) {
            Bson query = after == null ? board(filter) : Filters.and(board(filter), after(filter, after));
            return read(mongo, query, Sorts.orderBy(Sorts.descending(field(filter.order())), Sorts.ascending("_id")), limit);
        }

        static List<Standing> before(ReadOnlyMongo mongo, LeaderboardFilter filter, LeaderboardPosition before, int limit) {
            return read(mongo, Filters.and(board(filter), before(filter, before)),
                    Sorts.orderBy(Sorts.ascending(field(filter.order())), Sorts.descending("_id")), limit);
        }

        static long countBefore(ReadOnlyMongo mongo, LeaderboardFilter filter, LeaderboardPosition position) {
            return mongo.count(DutchGameDocumentMapper.USERS, Filters.and(board(filter), before(filter, position)));
        }

        private static List<Standing> read(ReadOnlyMongo mongo, Bson query, Bson sort, int limit) {
            List<Standing> found = new ArrayList<>();
            for (Document user : mongo.find(DutchGameDocumentMapper.USERS, query).sort(sort).limit(limit).projection(PROJECTION)) {
                found.add(DutchGameDocumentMapper.toStanding(user));
            }
            return found;
        }
    }
}

package io.playerbase.adapters.mongo.dutchgame;

import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
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
import java.util.List;
import java.util.Optional;

import static io.playerbase.adapters.mongo.dutchgame.DutchGameDocumentMapper.MODULE;

/**
 * {@link DutchLeaderboard} on {@code users}, sorted by the leaderboard indexes of V0001
 * ({@code modules.dutch_game.<field>} descending, {@code _id} ascending). Reads only: once the
 * database roles exist this adapter gets the {@code read_only} client.
 */
@Singleton
final class DutchLeaderboardMongoAdapter implements DutchLeaderboard {

    private static final Bson PROJECTION = Projections.include("username", "is_comp_player", "status", MODULE);

    /** Leaderboards are reports: the read-only database role serves them (secondaryPreferred). */
    private final ReadOnlyMongo mongo;

    DutchLeaderboardMongoAdapter(ReadOnlyMongo mongo) {
        this.mongo = mongo;
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

    /** Strictly before a position in the order: a higher value, or the same value and a smaller id. */
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

    @Override
    public Optional<Standing> standing(UserId player) {
        return MongoErrors.call(() -> Optional.ofNullable(mongo.find(DutchGameDocumentMapper.USERS, Filters.and(
                        Filters.eq("_id", new ObjectId(player.value())), Filters.eq("status", "active")))
                .projection(PROJECTION).first()).map(DutchGameDocumentMapper::toStanding));
    }

    @Override
    public List<Standing> after(LeaderboardFilter filter, LeaderboardPosition after, int limit) {
        Bson query = after == null ? board(filter) : Filters.and(board(filter), after(filter, after));
        return read(query, Sorts.orderBy(Sorts.descending(field(filter.order())), Sorts.ascending("_id")), limit);
    }

    @Override
    public List<Standing> before(LeaderboardFilter filter, LeaderboardPosition before, int limit) {
        return read(Filters.and(board(filter), before(filter, before)),
                Sorts.orderBy(Sorts.ascending(field(filter.order())), Sorts.descending("_id")), limit);
    }

    @Override
    public long countBefore(LeaderboardFilter filter, LeaderboardPosition position) {
        return MongoErrors.call(() -> mongo.count(DutchGameDocumentMapper.USERS, Filters.and(board(filter), before(filter, position))));
    }

    private List<Standing> read(Bson query, Bson sort, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return MongoErrors.call(() -> {
            List<Standing> found = new ArrayList<>();
            for (Document user : mongo.find(DutchGameDocumentMapper.USERS, query).sort(sort).limit(limit).projection(PROJECTION)) {
                found.add(DutchGameDocumentMapper.toStanding(user));
            }
            return found;
        });
    }
}

package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.dutchgame.MatchHistory;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;

/** {@link MatchHistory} on the read-only database role, by the V0081 index on (players.user_id, _id). */
@Singleton
final class MatchHistoryMongoAdapter implements MatchHistory {

    private final ReadOnlyMongo mongo;

    MatchHistoryMongoAdapter(ReadOnlyMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<MatchRecord> appliedFor(UserId player, String afterAttemptId, int limit) {
        Bson filter = Filters.and(Filters.eq("players.user_id", new ObjectId(player.value())),
                Filters.eq("state", MatchState.APPLIED.wire()));
        Bson query = afterAttemptId == null ? filter : Filters.and(filter, Filters.gt("_id", new ObjectId(afterAttemptId)));
        return MongoErrors.call(() -> mongo.find(DutchGameDocumentMapper.MATCHES, query).sort(Sorts.ascending("_id"))
                .limit(limit).map(DutchGameDocumentMapper::toMatch).into(new ArrayList<>()));
    }
}

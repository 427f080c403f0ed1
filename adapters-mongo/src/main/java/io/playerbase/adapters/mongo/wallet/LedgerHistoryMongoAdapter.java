package io.playerbase.adapters.mongo.wallet;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ReadOnlyMongo;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.LedgerHistory;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link LedgerHistory} on the read-only database role: one index seek on (user_id, sequence) per page,
 * so a ledger of any length is read a page at a time, amounts decrypted by the same mapper.
 */
@Singleton
final class LedgerHistoryMongoAdapter implements LedgerHistory {

    private final ReadOnlyMongo mongo;
    private final LedgerDocumentMapper mapper;

    LedgerHistoryMongoAdapter(ReadOnlyMongo mongo, LedgerDocumentMapper mapper) {
        this.mongo = mongo;
        this.mapper = mapper;
    }

    @Override
    public List<LedgerEntry> oldestFirst(UserId userId, long afterSequence, int limit) {
        return MongoErrors.call(() -> {
            List<LedgerEntry> page = new ArrayList<>(limit);
            for (Document document : mongo.find(LedgerDocumentMapper.COLLECTION, Filters.and(
                    Filters.eq("user_id", new ObjectId(userId.value())), Filters.gt("sequence", afterSequence)))
                    .sort(Sorts.ascending("sequence")).limit(limit).batchSize(limit)) {
                page.add(mapper.toDomain(document));
            }
            return page;
        });
    }
}

package io.playerbase.adapters.mongo.wallet;

import com.mongodb.client.MongoCursor;
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

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@link LedgerHistory} on the read-only database role: one query on (user_id, sequence), read by one
 * cursor in batches of {@value #BATCH} as the stream is consumed, so a ledger of any length passes
 * through in bounded memory, its amounts decrypted by the ledger's mapper. One query rather than pages:
 * on MongoDB the index serves both alike, while the embedded store would scan the collection for each
 * page. A cursor left idle longer than the server's cursor timeout (10 minutes on MongoDB) is closed by
 * the server, which ends the stream with an error.
 */
@Singleton
final class LedgerHistoryMongoAdapter implements LedgerHistory {

    static final int BATCH = 500;

    private final ReadOnlyMongo mongo;
    private final LedgerDocumentMapper mapper;

    LedgerHistoryMongoAdapter(ReadOnlyMongo mongo, LedgerDocumentMapper mapper) {
        this.mongo = mongo;
        this.mapper = mapper;
    }

    @Override
    public Stream<LedgerEntry> entries(UserId userId) {
        MongoCursor<Document> cursor = MongoErrors.call(() -> mongo.find(LedgerDocumentMapper.COLLECTION,
                        Filters.eq("user_id", new ObjectId(userId.value())))
                .sort(Sorts.ascending("sequence")).batchSize(BATCH).cursor());
        Iterator<LedgerEntry> entries = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return MongoErrors.call(cursor::hasNext);
            }

            @Override
            public LedgerEntry next() {
                return mapper.toDomain(MongoErrors.call(cursor::next));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(cursor::close);
    }
}

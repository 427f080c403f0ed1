package io.playerbase.adapters.mongo.wallet;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.OperationId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Ledger} on {@code wallet_transactions}: inserts only. The unique indexes on
 * (user_id, operation_id) and (user_id, sequence) make a second copy of an entry impossible; recording
 * an entry that is already there (same id) is how a crash is completed, anything else is a fork.
 */
@Singleton
final class LedgerMongoAdapter implements Ledger {

    private final MongoCollection<Document> entries;
    private final LedgerDocumentMapper mapper;

    LedgerMongoAdapter(MongoDatabase database, LedgerDocumentMapper mapper) {
        this.entries = database.getCollection(LedgerDocumentMapper.COLLECTION);
        this.mapper = mapper;
    }

    @Override
    public void record(LedgerEntry entry) {
        Document document = mapper.toDocument(entry);
        MongoErrors.run(() -> {
            try {
                entries.insertOne(document);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Document existing = entries.find(Filters.and(ofUser(entry.userId()), Filters.or(
                        Filters.eq("operation_id", entry.operationId().value()),
                        Filters.eq("sequence", entry.sequence())))).first();
                if (existing == null || !existing.getObjectId("_id").equals(document.getObjectId("_id"))) {
                    throw new IllegalStateException("The ledger already holds another entry with the operation id or "
                            + "sequence number of " + entry, e);
                }
            }
        });
    }

    @Override
    public Optional<LedgerEntry> findByOperation(UserId userId, OperationId operationId) {
        return MongoErrors.call(() -> Optional.ofNullable(entries.find(Filters.and(ofUser(userId),
                Filters.eq("operation_id", operationId.value()))).first()).map(mapper::toDomain));
    }

    @Override
    public List<LedgerEntry> newestFirst(UserId userId, long beforeSequence, int limit) {
        return page(Filters.and(ofUser(userId), Filters.lt("sequence", beforeSequence)), Sorts.descending("sequence"), limit);
    }

    @Override
    public List<LedgerEntry> oldestFirst(UserId userId, long afterSequence, int limit) {
        return page(Filters.and(ofUser(userId), Filters.gt("sequence", afterSequence)), Sorts.ascending("sequence"), limit);
    }

    private List<LedgerEntry> page(Bson filter, Bson sort, int limit) {
        return MongoErrors.call(() -> {
            List<LedgerEntry> page = new ArrayList<>();
            for (Document document : entries.find(filter).sort(sort).limit(limit)) {
                page.add(mapper.toDomain(document));
            }
            return page;
        });
    }

    private static Bson ofUser(UserId userId) {
        return Filters.eq("user_id", new ObjectId(userId.value()));
    }
}

package io.playerbase.adapters.mongo.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.List;

/**
 * The audit log ({@code user_audit_logs}) for the other adapters: they write the entries their
 * changes carry and read a user's history. Entries are immutable, so a write is an insert, and
 * writing an entry that is already stored (a re-flush after a crash) is a no-op.
 */
@Singleton
public class AuditLogStore {

    private final AuditLogDocumentRepository repository;
    private final MongoCollection<Document> log;

    AuditLogStore(AuditLogDocumentRepository repository, MongoDatabase database) {
        this.repository = repository;
        this.log = database.getCollection("user_audit_logs");
    }

    /** Stores the entry; idempotent by entry id. */
    public void write(AuditEntry entry) {
        try {
            repository.save(AuditLogDocumentMapper.toDocument(entry));
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // Same id, same immutable entry: already written by an earlier attempt.
        }
    }

    /**
     * Stores the entries in one unordered insert (the same stored shape as {@link #write}); idempotent
     * by entry id: entries already stored are skipped, the others are written.
     */
    public void writeAll(List<AuditEntry> entries) {
        try {
            log.insertMany(entries.stream().map(AuditOutbox::toBson).toList(), new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            // Only duplicates: those entries were written by an earlier delivery.
        }
    }

    /** The user's newest entries first, at most {@code limit} of them. */
    public List<AuditEntry> forUser(UserId userId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        // _id breaks ties between entries with the same timestamp, so the order is stable.
        Pageable newestFirst = Pageable.from(0, limit, Sort.of(Sort.Order.desc("timestamp"), Sort.Order.desc("id")));
        return repository.findByUserId(new ObjectId(userId.value()), newestFirst).stream()
                .map(AuditLogDocumentMapper::toEntry)
                .toList();
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}

package io.playerbase.adapters.mongo.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.adapters.mongo.user.SensitiveScalar;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.IdempotencyRecord;
import io.playerbase.domain.shared.IdempotencyStore;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Date;
import java.util.Optional;

/**
 * {@link IdempotencyStore} on {@code idempotency_keys} (unique on client + key; TTL on {@code expires_at}
 * where MongoDB has TTL). The stored response body carries amounts and balances, so it is encrypted,
 * bound to the lease id of the attempt that wrote it.
 */
@Singleton
final class IdempotencyMongoAdapter implements IdempotencyStore {

    static final String COLLECTION = "idempotency_keys";
    private static final int MAX_INSERT_RACES = 3;

    private final MongoCollection<Document> records;
    private final FieldCipher cipher;

    IdempotencyMongoAdapter(MongoDatabase database, FieldCipher cipher) {
        this.records = database.getCollection(COLLECTION);
        this.cipher = cipher;
    }

    @Override
    public Optional<IdempotencyRecord> insertIfAbsent(IdempotencyRecord record) {
        return MongoErrors.call(() -> {
            for (int race = 0; race < MAX_INSERT_RACES; race++) {
                try {
                    records.insertOne(toDocument(record));
                    return Optional.empty();
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
                Document existing = records.find(of(record.scope(), record.key())).first();
                if (existing != null) {
                    return Optional.of(toDomain(existing));
                }
                // Released between our insert and our read: try again.
            }
            throw new IllegalStateException("Idempotency key keeps appearing and vanishing: " + record.key());
        });
    }

    @Override
    public boolean replace(IdempotencyRecord current, IdempotencyRecord replacement) {
        Bson filter = Filters.and(of(current.scope(), current.key()), Filters.eq("lease_id", current.leaseId()),
                current.completed() ? Filters.ne("response", null) : Filters.eq("response", null));
        return MongoErrors.call(() -> records.replaceOne(filter, toDocument(replacement)).getMatchedCount() == 1);
    }

    @Override
    public boolean complete(String scope, String key, String leaseId, IdempotencyRecord.StoredResponse response) {
        Document stored = new Document("status", response.status())
                .append("content_type", response.contentType())
                .append("body", SensitiveScalar.encrypt(cipher, response.body(), bodyContext(leaseId)));
        return MongoErrors.call(() -> records.updateOne(inFlight(scope, key, leaseId),
                Updates.set("response", stored)).getMatchedCount() == 1);
    }

    @Override
    public void release(String scope, String key, String leaseId) {
        MongoErrors.run(() -> records.deleteOne(inFlight(scope, key, leaseId)));
    }

    private static Bson of(String scope, String key) {
        return Filters.and(Filters.eq("client", scope), Filters.eq("key", key));
    }

    private static Bson inFlight(String scope, String key, String leaseId) {
        return Filters.and(of(scope, key), Filters.eq("lease_id", leaseId), Filters.eq("response", null));
    }

    private static Document toDocument(IdempotencyRecord record) {
        if (record.completed()) {
            throw new IllegalArgumentException("records are written in flight; the response comes with complete()");
        }
        return new Document("client", record.scope())
                .append("key", record.key())
                .append("fingerprint", record.fingerprint())
                .append("lease_id", record.leaseId())
                .append("lease_until", Date.from(record.leaseUntil()))
                .append("created_at", Date.from(record.createdAt()))
                .append("expires_at", Date.from(record.expiresAt()))
                .append("response", null);
    }

    private IdempotencyRecord toDomain(Document document) {
        String leaseId = document.getString("lease_id");
        Document response = document.get("response", Document.class);
        return new IdempotencyRecord(document.getString("client"), document.getString("key"),
                document.getString("fingerprint"), leaseId, document.getDate("lease_until").toInstant(),
                document.getDate("created_at").toInstant(), document.getDate("expires_at").toInstant(),
                response == null ? null : new IdempotencyRecord.StoredResponse(response.getInteger("status"),
                        response.getString("content_type"),
                        (String) SensitiveScalar.decrypt(cipher, response.get("body"), bodyContext(leaseId))));
    }

    private static FieldContext bodyContext(String leaseId) {
        return new FieldContext(COLLECTION, leaseId, "response.body");
    }
}

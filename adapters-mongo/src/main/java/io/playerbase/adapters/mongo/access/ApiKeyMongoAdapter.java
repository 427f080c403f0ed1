package io.playerbase.adapters.mongo.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.access.ApiKeyRepository;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.util.Date;
import java.util.Optional;

/**
 * {@link ApiKeyRepository} on {@code api_keys}, through the read-write client: authentication reads
 * the primary, so a revocation counts from the next request on. A revocation is one conditional
 * update, so two admins revoking at once leave the first revocation in place.
 */
@Singleton
final class ApiKeyMongoAdapter implements ApiKeyRepository {

    private final MongoCollection<Document> keys;

    ApiKeyMongoAdapter(MongoDatabase database) {
        this.keys = database.getCollection(ApiKeyDocuments.COLLECTION);
    }

    @Override
    public void insert(ApiKey key) {
        MongoErrors.run(() -> keys.insertOne(ApiKeyDocuments.toDocument(key)));
    }

    @Override
    public Optional<ApiKey> findById(ApiKeyId id) {
        return MongoErrors.call(() -> Optional.ofNullable(keys.find(Filters.eq("_id", id.value())).first())
                .map(ApiKeyDocuments::toDomain));
    }

    @Override
    public boolean storeRevocation(ApiKey key) {
        return MongoErrors.call(() -> keys.updateOne(
                Filters.and(Filters.eq("_id", key.id().value()), Filters.eq("revoked_at", null)),
                Updates.combine(Updates.set("revoked_at", Date.from(key.revokedAt())),
                        Updates.set("revoked_by", key.revokedBy()))).getMatchedCount() > 0);
    }
}

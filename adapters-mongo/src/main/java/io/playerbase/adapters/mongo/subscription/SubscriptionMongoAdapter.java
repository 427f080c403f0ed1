package io.playerbase.adapters.mongo.subscription;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionKey;
import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.subscription.SubscriptionStore;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link SubscriptionRepository} on {@code subscriptions}: a create is one {@code insertOne} of a
 * deterministic {@code _id} (the store and the chain), so of concurrent creators one wins and the others
 * read it; every change is a {@code replaceOne} conditional on the version.
 */
@Singleton
final class SubscriptionMongoAdapter implements SubscriptionRepository {

    private final MongoCollection<Document> subscriptions;

    SubscriptionMongoAdapter(MongoDatabase database) {
        this.subscriptions = database.getCollection(SubscriptionDocumentMapper.COLLECTION);
    }

    @Override
    public Optional<Subscription> find(SubscriptionKey key) {
        return MongoErrors.call(() -> Optional.ofNullable(subscriptions.find(Filters.eq("_id", key.id())).first())
                .map(SubscriptionDocumentMapper::toDomain));
    }

    @Override
    public Optional<Subscription> findByToken(SubscriptionStore store, String token) {
        return MongoErrors.call(() -> Optional.ofNullable(subscriptions.find(Filters.and(
                        Filters.eq("store", store.wireName()), Filters.eq("tokens", token))).first())
                .map(SubscriptionDocumentMapper::toDomain));
    }

    @Override
    public List<Subscription> forUser(UserId owner) {
        return MongoErrors.call(() -> subscriptions.find(Filters.eq("user_id", new ObjectId(owner.value())))
                .map(SubscriptionDocumentMapper::toDomain).into(new ArrayList<>()));
    }

    @Override
    public Subscription create(Subscription candidate) {
        try {
            MongoErrors.run(() -> subscriptions.insertOne(SubscriptionDocumentMapper.toDocument(candidate, 1)));
            candidate.markStored(1);
            return candidate;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return find(candidate.key()).orElseThrow(() -> new Conflict("subscription-busy", "The subscription is being created; retry"));
        }
    }

    @Override
    public void update(Subscription subscription) {
        long next = subscription.version() + 1;
        long matched = MongoErrors.call(() -> subscriptions.replaceOne(
                Filters.and(Filters.eq("_id", subscription.key().id()), Filters.eq("version", subscription.version())),
                SubscriptionDocumentMapper.toDocument(subscription, next)).getMatchedCount());
        if (matched == 0) {
            throw Conflict.stale("Subscription");
        }
        subscription.markStored(next);
    }

    @Override
    public List<Subscription> due(Instant now, int limit) {
        return MongoErrors.call(() -> subscriptions.find(Filters.lte("sweep_at", Date.from(now)))
                .sort(Sorts.ascending("sweep_at")).limit(limit)
                .map(SubscriptionDocumentMapper::toDomain).into(new ArrayList<>()));
    }
}

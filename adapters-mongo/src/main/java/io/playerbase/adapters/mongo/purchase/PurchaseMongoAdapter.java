package io.playerbase.adapters.mongo.purchase;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link PurchaseRepository} on {@code user_purchases}. A claim is one {@code insertOne} that the
 * unique (store, store transaction id) index lets through once; the losers read the winner. Changes
 * are {@code replaceOne} conditional on the purchase's version.
 */
@Singleton
final class PurchaseMongoAdapter implements PurchaseRepository {

    private static final List<String> COUNTED = List.of(PurchaseStatus.GRANTED.wire(), PurchaseStatus.RECORDED.wire(),
            PurchaseStatus.REFUNDING.wire(), PurchaseStatus.REFUNDED.wire());

    private final MongoCollection<Document> purchases;

    PurchaseMongoAdapter(MongoDatabase database) {
        this.purchases = database.getCollection(PurchaseDocuments.COLLECTION);
    }

    @Override
    public Purchase claim(Purchase candidate) {
        try {
            MongoErrors.run(() -> purchases.insertOne(PurchaseDocuments.toDocument(candidate, 1)));
            candidate.markStored(1);
            return candidate;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return findByStoreTransaction(candidate.store(), candidate.verified().storeTransactionId())
                    .orElseThrow(() -> new Conflict("purchase-busy", "The purchase is being recorded; retry"));
        }
    }

    @Override
    public void update(Purchase purchase) {
        long next = purchase.version() + 1;
        long matched = MongoErrors.call(() -> purchases.replaceOne(
                Filters.and(byId(purchase.id()), Filters.eq("version", purchase.version())),
                PurchaseDocuments.toDocument(purchase, next)).getMatchedCount());
        if (matched == 0) {
            throw Conflict.stale("Purchase");
        }
        purchase.markStored(next);
    }

    @Override
    public Optional<Purchase> find(PurchaseId id) {
        return MongoErrors.call(() -> Optional.ofNullable(purchases.find(byId(id)).first())
                .map(PurchaseDocuments::toDomain));
    }

    @Override
    public Optional<Purchase> findByStoreTransaction(Store store, String storeTransactionId) {
        return MongoErrors.call(() -> Optional.ofNullable(purchases.find(Filters.and(
                        Filters.eq("store", store.wireName()), Filters.eq("store_transaction_id", storeTransactionId)))
                .first()).map(PurchaseDocuments::toDomain));
    }

    @Override
    public Page<Purchase> forUser(UserId userId, PageRequest page) {
        Bson filter = Filters.eq("user_id", new ObjectId(userId.value()));
        if (page.cursor() != null) {
            filter = Filters.and(filter, Filters.lt("_id", cursor(page.cursor())));
        }
        Bson query = filter;
        List<Purchase> found = MongoErrors.call(() -> purchases.find(query).sort(Sorts.descending("_id"))
                .limit(page.limit() + 1).map(PurchaseDocuments::toDomain).into(new ArrayList<>()));
        boolean more = found.size() > page.limit();
        List<Purchase> items = more ? found.subList(0, page.limit()) : found;
        return new Page<>(items, more ? items.get(items.size() - 1).id().value() : null);
    }

    @Override
    public long countForUser(UserId userId) {
        return MongoErrors.call(() -> purchases.countDocuments(Filters.and(
                Filters.eq("user_id", new ObjectId(userId.value())), Filters.in("status", COUNTED))));
    }

    @Override
    public List<Purchase> unfinished(Instant before, int limit) {
        return MongoErrors.call(() -> purchases.find(Filters.and(
                        Filters.in("status", PurchaseStatus.GRANTING.wire(), PurchaseStatus.REFUNDING.wire()),
                        Filters.lt("updated_at", Date.from(before))))
                .sort(Sorts.ascending("updated_at")).limit(limit)
                .map(PurchaseDocuments::toDomain).into(new ArrayList<>()));
    }

    private static Bson byId(PurchaseId id) {
        return Filters.eq("_id", new ObjectId(id.value()));
    }

    /** A cursor is a purchase id from an earlier page; anything else is bad input, not a 500. */
    private static ObjectId cursor(String cursor) {
        return new ObjectId(new PurchaseId(cursor).value());
    }
}

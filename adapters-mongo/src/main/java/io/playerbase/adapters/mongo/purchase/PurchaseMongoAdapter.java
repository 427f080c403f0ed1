package io.playerbase.adapters.mongo.purchase;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.adapters.mongo.connection.ShardingSettings;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UniqueClaims;
import io.playerbase.domain.shared.UniqueClaims.ClaimKey;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@link PurchaseRepository} on {@code user_purchases}. A store transaction belongs to one purchase
 * through its claim ({@link UniqueClaims}, {@code store_tx:<store>:<store transaction id>}, owner
 * {@code <user id>:<purchase id>}): taken before the purchase is inserted, so of any number of concurrent
 * claimants one wins and the losers read the winner, with or without the unique (store, store
 * transaction id) index (a second line where it exists; a cluster sharded by {@code user_id} cannot keep
 * it). The purchase is then read by {@code _id} and {@code user_id}, the shard key. Changes are
 * {@code replaceOne} conditional on the purchase's version.
 */
@Singleton
final class PurchaseMongoAdapter implements PurchaseRepository {

    static final String CLAIM_KIND = "store_tx";
    /** Tries of a claim that meets another claimant still inserting its purchase. */
    private static final int CLAIM_ATTEMPTS = 14;
    private static final Logger LOG = LoggerFactory.getLogger(PurchaseMongoAdapter.class);

    private static final List<String> COUNTED = List.of(PurchaseStatus.GRANTED.wire(), PurchaseStatus.RECORDED.wire(),
            PurchaseStatus.REFUNDING.wire(), PurchaseStatus.REFUNDED.wire());

    private final MongoCollection<Document> purchases;
    private final UniqueClaims claims;
    private final boolean lookupFallback;

    PurchaseMongoAdapter(MongoDatabase database, UniqueClaims claims, ShardingSettings sharding) {
        this.purchases = database.getCollection(PurchaseDocuments.COLLECTION);
        this.claims = claims;
        // Unsharded, a transaction without a claim is also looked up by the (store, store transaction id)
        // index: purchases recorded by an earlier version during a rolling upgrade have no claim yet.
        this.lookupFallback = !sharding.enabled();
    }

    @Override
    public Purchase claim(Purchase candidate) {
        ClaimKey key = claimKey(candidate.store(), candidate.verified().storeTransactionId());
        String owner = owner(candidate);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if (claims.claim(key, owner, candidate.createdAt())) {
                return insertClaimed(candidate, key, owner);
            }
            Optional<UniqueClaims.Claim> holder = claims.find(key);
            if (holder.isEmpty()) {
                continue; // released meanwhile (its insert failed): free to claim again
            }
            Optional<Purchase> winner = ownedBy(holder.get().owner(), candidate.store(), candidate.verified().storeTransactionId());
            if (winner.isPresent()) {
                return winner.get();
            }
            // The winner claimed it and is inserting its purchase right now: wait a moment for it.
            pause(attempt);
        }
        throw new Conflict("purchase-busy", "The purchase is being recorded; retry");
    }

    private Purchase insertClaimed(Purchase candidate, ClaimKey key, String owner) {
        try {
            MongoErrors.run(() -> purchases.insertOne(PurchaseDocuments.toDocument(candidate, 1)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                // Maybe inserted after all: the claim stays pending for the recovery pass to decide.
                throw e;
            }
            // An earlier version recorded this transaction without a claim: that purchase is the answer.
            claims.release(key, owner);
            return findUnclaimed(candidate.store(), candidate.verified().storeTransactionId())
                    .orElseThrow(() -> new Conflict("purchase-busy", "The purchase is being recorded; retry"));
        }
        try {
            claims.confirm(key, owner);
        } catch (RuntimeException e) {
            LOG.warn("Claim of purchase {} left pending for the recovery pass: {}", candidate.id(), e.getMessage());
        }
        candidate.markStored(1);
        return candidate;
    }

    /** 5, 10, 20, 40, 80, then 100 ms: about a second in all before the caller is told to retry. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(100L, 5L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Conflict("purchase-busy", "The purchase is being recorded; retry");
        }
    }

    @Override
    public void update(Purchase purchase) {
        long next = purchase.version() + 1;
        long matched = MongoErrors.call(() -> purchases.replaceOne(
                Filters.and(Filters.eq("user_id", new ObjectId(purchase.owner().value())), byId(purchase.id()),
                        Filters.eq("version", purchase.version())),
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

    /**
     * The purchase the transaction's claim names, read by its shard key ({@code user_id}) and {@code _id};
     * nothing while the claim's owner is still being inserted. Without a claim (and only where
     * {@link #lookupFallback} is on) the (store, store transaction id) index is asked, and a purchase
     * found that way gets its claim.
     */
    @Override
    public Optional<Purchase> findByStoreTransaction(Store store, String storeTransactionId) {
        ClaimKey key = claimKey(store, storeTransactionId);
        Optional<UniqueClaims.Claim> claim = claims.find(key);
        if (claim.isPresent()) {
            return ownedBy(claim.get().owner(), store, storeTransactionId);
        }
        if (!lookupFallback) {
            return Optional.empty();
        }
        Optional<Purchase> found = findUnclaimed(store, storeTransactionId);
        found.ifPresent(purchase -> {
            try {
                if (claims.claim(key, owner(purchase), purchase.createdAt())) {
                    claims.confirm(key, owner(purchase));
                }
            } catch (RuntimeException e) {
                LOG.warn("Claim of purchase {} not written; the next lookup retries: {}", purchase.id(), e.getMessage());
            }
        });
        return found;
    }

    private Optional<Purchase> findUnclaimed(Store store, String storeTransactionId) {
        return MongoErrors.call(() -> Optional.ofNullable(purchases.find(Filters.and(
                        Filters.eq("store", store.wireName()), Filters.eq("store_transaction_id", storeTransactionId)))
                .first()).map(PurchaseDocuments::toDomain));
    }

    private Optional<Purchase> ownedBy(String owner, Store store, String storeTransactionId) {
        Bson filter = ownerFilter(owner);
        if (filter == null) {
            return Optional.empty();
        }
        return MongoErrors.call(() -> Optional.ofNullable(purchases.find(Filters.and(filter,
                        Filters.eq("store", store.wireName()), Filters.eq("store_transaction_id", storeTransactionId)))
                .first()).map(PurchaseDocuments::toDomain));
    }

    static ClaimKey claimKey(Store store, String storeTransactionId) {
        return new ClaimKey(CLAIM_KIND, store.wireName() + ":" + storeTransactionId);
    }

    /** A purchase's claim owner: {@code <user id>:<purchase id>}, so the purchase is found by its shard key. */
    static String owner(Purchase purchase) {
        return purchase.owner().value() + ":" + purchase.id().value();
    }

    /** {@code {user_id, _id}} of a claim owner, or {@code null} for an owner this adapter did not write. */
    static Bson ownerFilter(String owner) {
        int colon = owner.indexOf(':');
        if (colon < 0 || !ObjectId.isValid(owner.substring(0, colon)) || !ObjectId.isValid(owner.substring(colon + 1))) {
            return null;
        }
        return Filters.and(Filters.eq("user_id", new ObjectId(owner.substring(0, colon))),
                Filters.eq("_id", new ObjectId(owner.substring(colon + 1))));
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

package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for recorded purchases ({@code user_purchases}, unique per store transaction). Each
 * write is one conditional single-document write.
 */
public interface PurchaseRepository {

    /**
     * Stores {@code candidate} unless its store transaction is already recorded, atomically; returns the
     * stored purchase either way (the candidate, or the one recorded first, possibly another user's).
     */
    Purchase claim(Purchase candidate);

    /**
     * Stores a changed purchase if nobody changed it since it was read ({@link Purchase#version()}),
     * else {@link io.playerbase.domain.shared.Conflict#stale}. Afterwards it carries the new version.
     */
    void update(Purchase purchase);

    Optional<Purchase> find(PurchaseId id);

    Optional<Purchase> findByStoreTransaction(Store store, String storeTransactionId);

    /** A user's purchases, newest first. */
    Page<Purchase> forUser(UserId userId, PageRequest page);

    /** How many of a user's purchases were ever granted or recorded (refunded ones included). */
    long countForUser(UserId userId);

    /** Purchases still {@code granting} or {@code refunding} that were last changed before {@code before}. */
    List<Purchase> unfinished(Instant before, int limit);
}

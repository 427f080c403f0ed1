package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for store subscriptions ({@code subscriptions}, one document per subscription, its
 * periods and history inside it). Each write is one conditional single-document write.
 */
public interface SubscriptionRepository {

    Optional<Subscription> find(SubscriptionKey key);

    /** The subscription whose purchase-token chain holds {@code token} (Google Play). */
    Optional<Subscription> findByToken(SubscriptionStore store, String token);

    /** The subscriptions an account owns, in no particular order. */
    List<Subscription> forUser(UserId owner);

    /**
     * Stores {@code candidate} unless a subscription with its key exists, atomically; returns the stored
     * one either way (the candidate, or the one stored first).
     */
    Subscription create(Subscription candidate);

    /**
     * Stores a changed subscription if nobody changed it since it was read ({@link Subscription#version()}),
     * else {@link io.playerbase.domain.shared.Conflict#stale}. Afterwards it carries the new version.
     */
    void update(Subscription subscription);

    /**
     * For the sweep: owned subscriptions whose stored status is due to change by time at {@code now}
     * ({@link Subscription#tidyAt()}), that have money to move ({@link Subscription#hasWalletWork()}), or
     * whose owner's account copy may be behind ({@link Subscription#copyPending()}).
     */
    List<Subscription> due(Instant now, int limit);
}

package io.playerbase.domain.testing;

import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.Subscription;
import io.playerbase.domain.subscription.SubscriptionKey;
import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.subscription.SubscriptionStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link SubscriptionRepository}, held to {@code SubscriptionRepositoryContract} like the Mongo adapter. */
public final class InMemorySubscriptionRepository implements SubscriptionRepository {

    private final Map<String, Subscription.StoredState> subscriptions = new TreeMap<>();

    @Override
    public synchronized Optional<Subscription> find(SubscriptionKey key) {
        return Optional.ofNullable(subscriptions.get(key.id())).map(Subscription::restore);
    }

    @Override
    public synchronized Optional<Subscription> findByToken(SubscriptionStore store, String token) {
        return subscriptions.values().stream()
                .filter(s -> s.key().store() == store && s.tokens().contains(token))
                .findFirst().map(Subscription::restore);
    }

    @Override
    public synchronized List<Subscription> forUser(UserId owner) {
        return subscriptions.values().stream().filter(s -> owner.equals(s.owner())).map(Subscription::restore).toList();
    }

    @Override
    public synchronized Subscription create(Subscription candidate) {
        Subscription.StoredState existing = subscriptions.get(candidate.key().id());
        if (existing != null) {
            return Subscription.restore(existing);
        }
        candidate.markStored(1);
        subscriptions.put(candidate.key().id(), candidate.storedState());
        return Subscription.restore(candidate.storedState());
    }

    @Override
    public synchronized void update(Subscription subscription) {
        Subscription.StoredState current = subscriptions.get(subscription.key().id());
        if (current == null || current.version() != subscription.version()) {
            throw Conflict.stale("Subscription");
        }
        subscription.markStored(subscription.version() + 1);
        subscriptions.put(subscription.key().id(), subscription.storedState());
    }

    @Override
    public synchronized List<Subscription> due(Instant now, int limit) {
        return subscriptions.values().stream().map(Subscription::restore)
                .filter(s -> s.owner().isPresent())
                .filter(s -> s.hasWalletWork() || s.copyPending() || s.tidyAt().filter(at -> !at.isAfter(now)).isPresent())
                .limit(limit).toList();
    }
}

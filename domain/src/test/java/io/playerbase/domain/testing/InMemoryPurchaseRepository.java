package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.purchase.PurchaseStatus;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link PurchaseRepository}, held to {@code PurchaseRepositoryContract} like the Mongo adapter. */
public final class InMemoryPurchaseRepository implements PurchaseRepository {

    private final Map<String, Purchase.StoredState> purchases = new TreeMap<>();

    @Override
    public synchronized Purchase claim(Purchase candidate) {
        Optional<Purchase> existing = findByStoreTransaction(candidate.store(), candidate.verified().storeTransactionId());
        if (existing.isPresent()) {
            return existing.get();
        }
        candidate.markStored(1);
        purchases.put(candidate.id().value(), candidate.storedState());
        return Purchase.restore(candidate.storedState());
    }

    @Override
    public synchronized void update(Purchase purchase) {
        Purchase.StoredState current = purchases.get(purchase.id().value());
        if (current == null || current.version() != purchase.version()) {
            throw Conflict.stale("Purchase");
        }
        purchase.markStored(purchase.version() + 1);
        purchases.put(purchase.id().value(), purchase.storedState());
    }

    @Override
    public synchronized Optional<Purchase> find(PurchaseId id) {
        return Optional.ofNullable(purchases.get(id.value())).map(Purchase::restore);
    }

    @Override
    public synchronized Optional<Purchase> findByStoreTransaction(Store store, String storeTransactionId) {
        return purchases.values().stream()
                .filter(p -> p.verified().store() == store && p.verified().storeTransactionId().equals(storeTransactionId))
                .findFirst().map(Purchase::restore);
    }

    @Override
    public synchronized Page<Purchase> forUser(UserId userId, PageRequest page) {
        List<Purchase.StoredState> matching = purchases.values().stream()
                .filter(p -> p.owner().equals(userId))
                .sorted(Comparator.comparing((Purchase.StoredState p) -> p.id().value()).reversed())
                .filter(p -> page.cursor() == null || p.id().value().compareTo(page.cursor()) < 0)
                .limit(page.limit() + 1L).toList();
        boolean more = matching.size() > page.limit();
        List<Purchase> items = matching.stream().limit(page.limit()).map(Purchase::restore).toList();
        return new Page<>(items, more ? items.get(items.size() - 1).id().value() : null);
    }

    @Override
    public synchronized long countForUser(UserId userId) {
        return purchases.values().stream().filter(p -> p.owner().equals(userId))
                .filter(p -> p.status() != PurchaseStatus.GRANTING).count();
    }

    @Override
    public synchronized List<Purchase> unfinished(Instant before, int limit) {
        return purchases.values().stream()
                .filter(p -> p.status() == PurchaseStatus.GRANTING || p.status() == PurchaseStatus.REFUNDING)
                .filter(p -> p.updatedAt().isBefore(before))
                .limit(limit).map(Purchase::restore).toList();
    }

    public synchronized int size() {
        return purchases.size();
    }
}

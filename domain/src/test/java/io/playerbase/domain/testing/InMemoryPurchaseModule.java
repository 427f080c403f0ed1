package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link PurchaseModule}: the counters per user and every audit entry. */
public final class InMemoryPurchaseModule implements PurchaseModule {

    public record Counters(long totalPurchases, Instant lastPurchaseAt) {
    }

    private final Map<UserId, Counters> counters = new ConcurrentHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    @Override
    public synchronized void noteCounters(UserId userId, long totalPurchases, Instant lastPurchaseAt, AuditEntry entry) {
        Counters current = counters.getOrDefault(userId, new Counters(0, null));
        Instant last = current.lastPurchaseAt() == null || lastPurchaseAt.isAfter(current.lastPurchaseAt())
                ? lastPurchaseAt : current.lastPurchaseAt();
        counters.put(userId, new Counters(Math.max(current.totalPurchases(), totalPurchases), last));
        audit.add(entry);
    }

    @Override
    public synchronized void audit(AuditEntry entry) {
        audit.add(entry);
    }

    public Counters counters(UserId userId) {
        return counters.getOrDefault(userId, new Counters(0, null));
    }

    public synchronized List<String> actions(UserId userId) {
        return audit.stream().filter(e -> e.userId().equals(userId)).map(AuditEntry::action).toList();
    }
}

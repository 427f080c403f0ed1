package io.playerbase.domain.testing;

import io.playerbase.domain.dashboard.ActivityLog;
import io.playerbase.domain.dashboard.ActivityWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * In-memory {@link ActivityLog}: what tests record, answered like the Mongo adapter (in the window
 * {@code [from, to)}, newest first, at most {@code limit}); {@link #lastLimit()} is the bound last asked for.
 */
public final class InMemoryActivityLog implements ActivityLog {

    private final List<Instant> registrations = new ArrayList<>();
    private final List<Instant> matches = new ArrayList<>();
    private final List<WalletMovement> movements = new ArrayList<>();
    private final List<Instant> purchases = new ArrayList<>();
    private int lastLimit;

    /** An account created at that time; computer players are not registrations. */
    public synchronized void register(Instant at, boolean compPlayer) {
        if (!compPlayer) {
            registrations.add(at);
        }
    }

    /** A reported match; only an accepted one (its results applied or being applied) is activity. */
    public synchronized void reportMatch(Instant at, boolean accepted) {
        if (accepted) {
            matches.add(at);
        }
    }

    /** A purchase recorded at that time, whatever became of it later. */
    public synchronized void recordPurchase(Instant at) {
        purchases.add(at);
    }

    public synchronized void move(WalletMovement movement) {
        movements.add(movement);
    }

    public synchronized int lastLimit() {
        return lastLimit;
    }

    @Override
    public synchronized List<Instant> registrations(ActivityWindow window, int limit) {
        return newestFirst(registrations, at -> at, window, limit);
    }

    @Override
    public synchronized List<Instant> matchesReported(ActivityWindow window, int limit) {
        return newestFirst(matches, at -> at, window, limit);
    }

    @Override
    public synchronized List<Instant> purchasesRecorded(ActivityWindow window, int limit) {
        return newestFirst(purchases, at -> at, window, limit);
    }

    @Override
    public synchronized List<WalletMovement> walletMovements(ActivityWindow window, int limit) {
        return newestFirst(movements, WalletMovement::at, window, limit);
    }

    private <T> List<T> newestFirst(List<T> items, Function<T, Instant> at, ActivityWindow window, int limit) {
        lastLimit = limit;
        return items.stream()
                .filter(item -> !at.apply(item).isBefore(window.from()) && at.apply(item).isBefore(window.to()))
                .sorted(Comparator.comparing(at).reversed())
                .limit(limit)
                .toList();
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerHistory;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.OperationId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.Optional;

/** In-memory {@link Ledger}: append-only, unique per (user, operation id) and (user, sequence). */
public final class InMemoryLedger implements Ledger, LedgerHistory {

    private final List<LedgerEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(LedgerEntry entry) {
        for (LedgerEntry existing : entries) {
            if (existing.userId().equals(entry.userId())
                    && (existing.operationId().equals(entry.operationId()) || existing.sequence() == entry.sequence())) {
                if (existing.equals(entry)) {
                    return;
                }
                throw new IllegalStateException("The ledger already holds another entry for " + entry);
            }
        }
        entries.add(entry);
    }

    @Override
    public synchronized Optional<LedgerEntry> findByOperation(UserId userId, OperationId operationId) {
        return entries.stream().filter(e -> e.userId().equals(userId) && e.operationId().equals(operationId)).findFirst();
    }

    @Override
    public synchronized List<LedgerEntry> newestFirst(UserId userId, long beforeSequence, int limit) {
        return entries.stream().filter(e -> e.userId().equals(userId) && e.sequence() < beforeSequence)
                .sorted(Comparator.comparingLong(LedgerEntry::sequence).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized List<LedgerEntry> oldestFirst(UserId userId, long afterSequence, int limit) {
        return entries.stream().filter(e -> e.userId().equals(userId) && e.sequence() > afterSequence)
                .sorted(Comparator.comparingLong(LedgerEntry::sequence)).limit(limit).toList();
    }

    /** Replaces an entry in place, to simulate tampering with the stored ledger. */
    public synchronized void tamper(LedgerEntry original, LedgerEntry altered) {
        entries.set(entries.indexOf(original), altered);
    }

    public synchronized void remove(LedgerEntry entry) {
        entries.remove(entry);
    }

    public synchronized List<LedgerEntry> all(UserId userId) {
        return new ArrayList<>(entries.stream().filter(e -> e.userId().equals(userId)).toList());
    }

    @Override
    public Stream<LedgerEntry> entries(UserId userId) {
        return oldestFirst(userId, 0, Integer.MAX_VALUE).stream();
    }
}

package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for the ledger ({@code wallet_transactions}): append-only, entries are never updated
 * or deleted; one entry per (user, operation id) and per (user, sequence number).
 */
public interface Ledger {

    /**
     * Appends an entry. Recording the same entry again is a no-op (it may have been recorded before a
     * crash); a different entry with the same operation id or sequence number is a broken invariant
     * and fails loudly ({@link IllegalStateException}).
     */
    void record(LedgerEntry entry);

    Optional<LedgerEntry> findByOperation(UserId userId, OperationId operationId);

    /** Entries with a sequence number below {@code beforeSequence}, newest first. */
    List<LedgerEntry> newestFirst(UserId userId, long beforeSequence, int limit);

    /** Entries with a sequence number above {@code afterSequence}, oldest first. */
    List<LedgerEntry> oldestFirst(UserId userId, long afterSequence, int limit);
}

package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.ReadOnlyPort;
import io.playerbase.domain.shared.UserId;

import java.util.List;

/**
 * Outgoing port: reading a whole ledger page by page for exports, on the read-only database role (it
 * may lag the newest entry; the wallet's unrecorded entry is the caller's to add).
 */
public interface LedgerHistory extends ReadOnlyPort {

    /** Entries with a sequence number above {@code afterSequence}, oldest first, at most {@code limit}. */
    List<LedgerEntry> oldestFirst(UserId userId, long afterSequence, int limit);
}

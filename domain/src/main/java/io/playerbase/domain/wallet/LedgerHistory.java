package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.ReadOnlyPort;
import io.playerbase.domain.shared.UserId;

import java.util.stream.Stream;

/**
 * Outgoing port: reading a whole ledger for exports, on the read-only database role, with one cursor:
 * entries arrive a batch at a time as the stream is consumed, so a ledger of any length is read in
 * bounded memory. The stream holds the cursor: close it. It may lag the newest entry; the wallet's
 * unrecorded entry is the caller's to add.
 */
public interface LedgerHistory extends ReadOnlyPort {

    /** Every entry of the user's ledger, oldest first, read lazily. */
    Stream<LedgerEntry> entries(UserId userId);
}

package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.UserId;

import java.util.List;

/**
 * The outcome of checking a wallet against its ledger.
 *
 * @param balance       the wallet's balance
 * @param ledgerBalance the opening balance plus the signed amounts of every entry
 * @param entries       how many entries the ledger holds (with the wallet's unrecorded one)
 * @param sequence      how many entries the wallet counts
 * @param findings      each mismatch, with the sequence number it concerns; empty when consistent
 */
public record ReconciliationReport(UserId userId, boolean consistent, long balance, long ledgerBalance,
                                   long openingBalance, long entries, long sequence, String headHash,
                                   List<Finding> findings) {

    public ReconciliationReport {
        findings = List.copyOf(findings);
    }

    public record Finding(long sequence, String problem) {
    }
}

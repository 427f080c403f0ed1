package io.playerbase.domain.wallet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a wallet against its ledger, fed the entries oldest first: sequence numbers without gaps,
 * each entry's hash valid and linked to the previous one, each balance-after equal to the running
 * sum from the opening balance and never negative, reversals pointing at an earlier credit or debit
 * reversed only once; at the end, the count, the last hash, the sum and the debt (debt entries minus
 * settlements) must match the wallet.
 */
public final class LedgerVerifier {

    static final int MAX_FINDINGS = 100;

    private final Wallet wallet;
    private final List<ReconciliationReport.Finding> findings = new ArrayList<>();
    private final Map<OperationId, TransactionKind> operations = new HashMap<>();
    private final Map<OperationId, Boolean> reversed = new HashMap<>();
    private long expectedSequence = 1;
    private long runningBalance;
    private long runningDebt;
    private String runningHash = LedgerEntry.GENESIS_HASH;
    private long count;
    private int omitted;

    public LedgerVerifier(Wallet wallet) {
        this.wallet = wallet;
        this.runningBalance = wallet.openingBalance();
    }

    public void accept(LedgerEntry entry) {
        long sequence = entry.sequence();
        count++;
        if (!entry.userId().equals(wallet.owner())) {
            find(sequence, "belongs to another user");
        }
        if (sequence != expectedSequence) {
            find(sequence, "expected sequence number " + expectedSequence + " (an entry is missing or duplicated)");
        }
        if (!entry.previousHash().equals(runningHash)) {
            find(sequence, "previous hash does not match the preceding entry (chain broken)");
        }
        if (!entry.hashIsValid()) {
            find(sequence, "hash does not match the entry's contents (entry altered)");
        }
        if (!entry.currency().equals(wallet.currency())) {
            find(sequence, "currency differs from the wallet's");
        }
        if (operations.putIfAbsent(entry.operationId(), entry.kind()) != null) {
            find(sequence, "operation id used twice");
        }
        if (entry.reverses() != null) {
            TransactionKind original = operations.get(entry.reverses().operationId());
            if (original != entry.reverses().kind()) {
                find(sequence, "reverses an operation that is not an earlier " + entry.reverses().kind().wire());
            }
            if (reversed.put(entry.reverses().operationId(), Boolean.TRUE) != null) {
                find(sequence, "reverses an operation that was already reversed");
            }
        }
        runningBalance += entry.signedAmount();
        if (entry.kind() == TransactionKind.DEBT) {
            runningDebt += entry.amount().minorUnits();
        } else if (entry.kind() == TransactionKind.DEBIT && entry.reason().equals(Wallet.DEBT_SETTLEMENT)) {
            runningDebt -= entry.amount().minorUnits();
        }
        if (entry.balanceAfter() != runningBalance) {
            find(sequence, "balance after does not equal the running sum of the ledger");
            runningBalance = entry.balanceAfter();
        }
        if (entry.balanceAfter() < 0) {
            find(sequence, "balance after is negative");
        }
        runningHash = entry.hash();
        expectedSequence = sequence + 1;
    }

    public ReconciliationReport finish() {
        if (count != wallet.sequence()) {
            find(wallet.sequence(), "the wallet counts " + wallet.sequence() + " entries, the ledger holds " + count);
        }
        if (!runningHash.equals(wallet.headHash())) {
            find(wallet.sequence(), "the wallet's last hash is not the hash of the last entry");
        }
        if (runningBalance != wallet.balance()) {
            find(wallet.sequence(), "the balance does not equal the opening balance plus the ledger's entries");
        }
        if (runningDebt != wallet.debt()) {
            find(wallet.sequence(), "the debt does not equal the debt entries minus their settlements");
        }
        List<ReconciliationReport.Finding> reported = new ArrayList<>(findings);
        if (omitted > 0) {
            reported.add(new ReconciliationReport.Finding(-1, omitted + " further findings omitted"));
        }
        return new ReconciliationReport(wallet.owner(), reported.isEmpty(), wallet.balance(), runningBalance,
                wallet.openingBalance(), count, wallet.sequence(), wallet.headHash(), reported);
    }

    private void find(long sequence, String problem) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(new ReconciliationReport.Finding(sequence, problem));
        } else {
            omitted++;
        }
    }
}

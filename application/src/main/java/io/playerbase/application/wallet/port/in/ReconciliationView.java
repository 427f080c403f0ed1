package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.wallet.ReconciliationReport;

import java.util.List;

/** The outcome of a reconcile: {@code consistent} is true exactly when {@code findings} is empty. */
public record ReconciliationView(String userId, boolean consistent, long balance, long ledgerBalance,
                                 long openingBalance, long entries, long sequence, String headHash,
                                 List<Finding> findings) {

    public record Finding(long sequence, String problem) {
    }

    public static ReconciliationView of(ReconciliationReport report) {
        return new ReconciliationView(report.userId().value(), report.consistent(), report.balance(),
                report.ledgerBalance(), report.openingBalance(), report.entries(), report.sequence(), report.headHash(),
                report.findings().stream().map(f -> new Finding(f.sequence(), f.problem())).toList());
    }
}

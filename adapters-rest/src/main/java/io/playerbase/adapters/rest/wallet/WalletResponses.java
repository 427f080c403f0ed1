package io.playerbase.adapters.rest.wallet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletView;
import io.playerbase.domain.shared.Page;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Response bodies of the wallet endpoints. Amounts are integers in minor units of {@code currency}. */
final class WalletResponses {

    private WalletResponses() {
    }

    @Serdeable
    @Schema(name = "WalletResponse")
    record WalletResponse(long balance, long debt, String currency, Instant updatedAt) {
        static WalletResponse of(WalletView view) {
            return new WalletResponse(view.balance(), view.debt(), view.currency(), view.updatedAt());
        }
    }

    /** A line of a player's own statement: who on the staff moved the money is not shown. */
    @Serdeable
    @Schema(name = "StatementLine")
    record StatementLine(String id, long sequence, String kind, long amount, long signedAmount, long balanceAfter,
                         String currency, String reason, @Nullable String description, String source, @Nullable String reverses,
                         Instant createdAt) {
        static StatementLine of(TransactionView view) {
            return new StatementLine(view.id(), view.sequence(), view.kind(), view.amount(), view.signedAmount(),
                    view.balanceAfter(), view.currency(), view.reason(), view.description(), view.source(),
                    view.reverses(), view.createdAt());
        }
    }

    @Serdeable
    @Schema(name = "StatementPage")
    record StatementPage(List<StatementLine> items, @Nullable String nextCursor) {
        static StatementPage of(Page<TransactionView> page) {
            return new StatementPage(page.items().stream().map(StatementLine::of).toList(), page.nextCursor());
        }
    }

    /** A ledger entry as staff see it: with the operation id and who made it. */
    @Serdeable
    @Schema(name = "TransactionResponse")
    record TransactionResponse(String id, long sequence, String operationId, String kind, long amount,
                               long signedAmount, long balanceAfter, String currency, String reason,
                               @Nullable String description, String source, @Nullable String reverses, String actorId,
                               String actorRole, Instant createdAt) {
        static TransactionResponse of(TransactionView view) {
            return new TransactionResponse(view.id(), view.sequence(), view.operationId(), view.kind(), view.amount(),
                    view.signedAmount(), view.balanceAfter(), view.currency(), view.reason(), view.description(),
                    view.source(), view.reverses(), view.actorId(), view.actorRole(), view.createdAt());
        }
    }

    @Serdeable
    @Schema(name = "TransactionPage")
    record TransactionPage(List<TransactionResponse> items, @Nullable String nextCursor) {
        static TransactionPage of(Page<TransactionView> page) {
            return new TransactionPage(page.items().stream().map(TransactionResponse::of).toList(), page.nextCursor());
        }
    }

    @Serdeable
    @Schema(name = "ReconciliationResponse")
    record ReconciliationResponse(String userId, boolean consistent, long balance, long ledgerBalance,
                                  long openingBalance, long entries, long sequence, String headHash,
                                  List<Finding> findings) {
        @Serdeable
        @Schema(name = "ReconciliationFinding")
        record Finding(long sequence, String problem) {
        }

        static ReconciliationResponse of(ReconciliationView view) {
            return new ReconciliationResponse(view.userId(), view.consistent(), view.balance(), view.ledgerBalance(),
                    view.openingBalance(), view.entries(), view.sequence(), view.headHash(),
                    view.findings().stream().map(f -> new Finding(f.sequence(), f.problem())).toList());
        }
    }
}

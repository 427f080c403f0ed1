package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.ReverseWalletTransactionUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.TransactionKind;
import jakarta.inject.Singleton;

@Singleton
final class ReverseWalletTransactionService implements ReverseWalletTransactionUseCase {

    private final MoneyMovements movements;
    private final Ledger ledger;

    ReverseWalletTransactionService(MoneyMovements movements, Ledger ledger) {
        this.movements = movements;
        this.ledger = ledger;
    }

    @Override
    public TransactionView reverse(Command command) {
        OperationId reversal = command.original().reversal();
        Movement movement = new Movement(reversal, command.reason(), command.description(), command.source(),
                command.actor());
        return movements.apply(command.userId(), reversal, command.actor(),
                wallet -> wallet.reverse(original(command), movement, movements.clock().instant()),
                earlier -> earlier.kind() == TransactionKind.REVERSAL
                        && earlier.reverses().operationId().equals(command.original()),
                "wallet.reversed");
    }

    /** The wallet's earlier entries are all in the ledger here: {@link MoneyMovements#load} recorded any unrecorded one. */
    private LedgerEntry original(Command command) {
        return ledger.findByOperation(command.userId(), command.original())
                .orElseThrow(() -> new NotFound("transaction-not-found", "This wallet has no such operation"));
    }
}

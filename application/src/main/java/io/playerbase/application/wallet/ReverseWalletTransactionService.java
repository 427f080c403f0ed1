package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.ReverseWalletTransactionUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.domain.wallet.Movement;
import jakarta.inject.Singleton;

@Singleton
final class ReverseWalletTransactionService implements ReverseWalletTransactionUseCase {

    private final MoneyMovements movements;

    ReverseWalletTransactionService(MoneyMovements movements) {
        this.movements = movements;
    }

    @Override
    public TransactionView reverse(Command command) {
        Movement movement = new Movement(command.original().reversal(), command.reason(), command.description(),
                command.source(), command.actor());
        return movements.apply(new WalletOperation.Reversal(command.userId(), command.original(), movement));
    }
}

package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import jakarta.inject.Singleton;

@Singleton
final class DebitWalletService implements DebitWalletUseCase {

    private final MoneyMovements movements;

    DebitWalletService(MoneyMovements movements) {
        this.movements = movements;
    }

    @Override
    public TransactionView debit(Command command) {
        return movements.apply(new WalletOperation.Debit(command.userId(), command.amount(), command.movement()));
    }
}

package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import jakarta.inject.Singleton;

@Singleton
final class CreditWalletService implements CreditWalletUseCase {

    private final MoneyMovements movements;

    CreditWalletService(MoneyMovements movements) {
        this.movements = movements;
    }

    @Override
    public TransactionView credit(Command command) {
        return movements.apply(new WalletOperation.Credit(command.userId(), command.amount(), command.movement()));
    }
}

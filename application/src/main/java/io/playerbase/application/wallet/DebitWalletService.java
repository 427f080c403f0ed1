package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.domain.wallet.TransactionKind;
import jakarta.inject.Singleton;

@Singleton
final class DebitWalletService implements DebitWalletUseCase {

    private final MoneyMovements movements;

    DebitWalletService(MoneyMovements movements) {
        this.movements = movements;
    }

    @Override
    public TransactionView debit(Command command) {
        return movements.apply(command.userId(), command.movement().operationId(), command.movement().actor(),
                wallet -> wallet.debit(command.amount(), command.movement(), movements.clock().instant()),
                earlier -> earlier.sameMovement(TransactionKind.DEBIT, command.amount(), command.movement()),
                "wallet.debited");
    }
}

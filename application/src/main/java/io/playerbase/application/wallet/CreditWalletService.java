package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.domain.wallet.TransactionKind;
import jakarta.inject.Singleton;

@Singleton
final class CreditWalletService implements CreditWalletUseCase {

    private final MoneyMovements movements;

    CreditWalletService(MoneyMovements movements) {
        this.movements = movements;
    }

    @Override
    public TransactionView credit(Command command) {
        return movements.apply(command.userId(), command.movement().operationId(), command.movement().actor(),
                wallet -> wallet.credit(command.amount(), command.movement(), movements.clock().instant()),
                earlier -> earlier.sameMovement(TransactionKind.CREDIT, command.amount(), command.movement()),
                "wallet.credited");
    }
}

package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.TransactionSource;

public interface DebitWalletUseCase {

    /**
     * Takes money from a wallet exactly once per operation id (like {@link CreditWalletUseCase});
     * refused with {@code insufficient-funds} rather than going below zero.
     */
    TransactionView debit(Command command);

    record Command(UserId userId, Amount amount, Movement movement) {

        public static Command of(UserId userId, Long amount, String operationId, String reason, String description,
                                 TransactionSource source, Actor actor) {
            MovementFields fields = MovementFields.validate(amount, operationId, reason, description, source, actor);
            return new Command(userId, fields.amount(), fields.movement());
        }
    }
}

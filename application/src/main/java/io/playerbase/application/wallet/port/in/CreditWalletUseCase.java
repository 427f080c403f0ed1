package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.TransactionSource;

public interface CreditWalletUseCase {

    /**
     * Adds money to a wallet exactly once per operation id: a repeated operation id with the same
     * parameters returns the original transaction and changes nothing; with other parameters it is
     * refused ({@code operation-id-reused}).
     */
    TransactionView credit(Command command);

    record Command(UserId userId, Amount amount, Movement movement) {

        /** Validates every field at once so the caller learns all problems in one response. */
        public static Command of(UserId userId, Long amount, String operationId, String reason, String description,
                                 TransactionSource source, Actor actor) {
            MovementFields fields = MovementFields.validate(amount, operationId, reason, description, source, actor);
            return new Command(userId, fields.amount(), fields.movement());
        }
    }
}

package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;

import java.util.ArrayList;
import java.util.List;

public interface ReverseWalletTransactionUseCase {

    /**
     * Undoes an earlier credit or debit with a compensating {@code reversal} entry of the same amount.
     * Each operation is reversed at most once: the reversal's operation id derives from the original's,
     * so asking again returns the existing reversal. Reversing a spent credit is refused
     * ({@code insufficient-funds}); an unknown operation is {@code transaction-not-found}.
     */
    TransactionView reverse(Command command);

    record Command(UserId userId, OperationId original, ReasonCode reason, String description,
                   TransactionSource source, Actor actor) {

        public static Command of(UserId userId, String originalOperationId, String reason, String description,
                                 TransactionSource source, Actor actor) {
            List<FieldError> errors = new ArrayList<>();
            OperationId original = MovementFields.collect(() -> new OperationId(originalOperationId), errors);
            ReasonCode validReason = MovementFields.collect(() -> new ReasonCode(reason), errors);
            if (!errors.isEmpty()) {
                throw new InvalidValue(errors);
            }
            return new Command(userId, original, validReason, description, source, actor);
        }
    }
}

package io.playerbase.application.wallet.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Validation shared by the money-moving commands: every invalid field is reported, not just the first. */
record MovementFields(Amount amount, Movement movement) {

    static MovementFields validate(Long amount, String operationId, String reason, String description,
                                   TransactionSource source, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        Amount validAmount = amount == null ? missing("amount", errors) : collect(() -> new Amount(amount), errors);
        OperationId validOperation = collect(() -> new OperationId(operationId), errors);
        ReasonCode validReason = collect(() -> new ReasonCode(reason), errors);
        Movement movement = null;
        if (errors.isEmpty()) {
            movement = collect(() -> new Movement(validOperation, validReason, description, source, actor), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidValue(errors);
        }
        return new MovementFields(validAmount, movement);
    }

    static <T> T collect(Supplier<T> factory, List<FieldError> errors) {
        try {
            return factory.get();
        } catch (InvalidValue e) {
            errors.addAll(e.fieldErrors());
            return null;
        }
    }

    private static <T> T missing(String field, List<FieldError> errors) {
        errors.add(new FieldError(field, "is required"));
        return null;
    }
}

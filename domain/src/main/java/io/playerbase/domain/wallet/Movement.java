package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.InvalidValue;

import java.util.Objects;

/**
 * What a caller asks of a wallet besides the amount: the operation id that makes it exactly-once,
 * why, from which part of the product, on whose behalf, and an optional description shown on the
 * player's statement (stored encrypted).
 */
public record Movement(OperationId operationId, ReasonCode reason, String description, TransactionSource source,
                       Actor actor) {

    public static final int MAX_DESCRIPTION = 500;

    public Movement {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(actor, "actor");
        if (description != null) {
            description = description.strip();
            if (description.isEmpty()) {
                description = null;
            } else if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
                throw new InvalidValue("description", "must be at most " + MAX_DESCRIPTION + " characters");
            }
        }
    }

    public Movement withOperation(OperationId other) {
        return new Movement(other, reason, description, source, actor);
    }
}

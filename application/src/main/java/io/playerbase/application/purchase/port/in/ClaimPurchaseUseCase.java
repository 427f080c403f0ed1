package io.playerbase.application.purchase.port.in;

import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.Objects;

public interface ClaimPurchaseUseCase {

    /**
     * Verifies a store's proof of purchase, records it for the player and grants it exactly once: the
     * same proof again (a retry, a duplicate, a race) answers the same purchase; by another player,
     * 409 {@code purchase-already-claimed} and nothing changes.
     */
    PurchaseView claim(Command command);

    record Command(UserId userId, PurchaseProof proof, Actor actor) {
        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(proof, "proof");
            Objects.requireNonNull(actor, "actor");
        }
    }
}

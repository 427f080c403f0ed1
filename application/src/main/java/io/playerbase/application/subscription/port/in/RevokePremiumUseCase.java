package io.playerbase.application.subscription.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumGrant;

import java.util.Objects;

public interface RevokePremiumUseCase {

    /**
     * Ends an account's active manual grants, audited. Premium from a store is the store's: it is not
     * ended here (a refund in the store ends it). 404 {@code user-not-found}, 422 {@code no-active-grant}.
     */
    SubscriptionDetailsView revoke(Command command);

    /** @param reason a code: 1-64 lower-case letters, digits, '_', '.' or '-' */
    record Command(UserId userId, String reason, Actor actor) {
        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(actor, "actor");
            PremiumGrant.checkReason(reason);
        }
    }
}

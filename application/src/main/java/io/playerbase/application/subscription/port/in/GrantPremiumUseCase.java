package io.playerbase.application.subscription.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumGrant;

import java.time.Instant;
import java.util.Objects;

public interface GrantPremiumUseCase {

    /**
     * Gives an account premium by hand until {@code expiresAt} (support goodwill), audited; a store
     * subscription is neither changed nor hidden. 404 {@code user-not-found}, 422 {@code account-deleted}.
     */
    SubscriptionDetailsView grant(Command command);

    /**
     * @param reason    a code: 1-64 lower-case letters, digits, '_', '.' or '-'
     * @param expiresAt in the future, at most five years ahead
     */
    record Command(UserId userId, String reason, Instant expiresAt, Actor actor) {
        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(actor, "actor");
            PremiumGrant.checkReason(reason);
        }
    }
}

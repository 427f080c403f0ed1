package io.playerbase.application.subscription.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccount;
import io.playerbase.domain.subscription.PremiumGrant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

        /** Checks every field at once against {@code now}, before anything runs (a 400 consumes no Idempotency-Key). */
        public static Command of(UserId userId, String reason, Instant expiresAt, Actor actor, Instant now) {
            List<FieldError> errors = new ArrayList<>();
            try {
                PremiumGrant.checkReason(reason);
            } catch (InvalidValue e) {
                errors.addAll(e.fieldErrors());
            }
            if (expiresAt == null) {
                errors.add(new FieldError("expires_at", "is required"));
            } else if (!expiresAt.isAfter(now)) {
                errors.add(new FieldError("expires_at", "must be in the future"));
            } else if (expiresAt.isAfter(now.plus(PremiumAccount.MAX_GRANT))) {
                errors.add(new FieldError("expires_at", "must be at most " + PremiumAccount.MAX_GRANT.toDays() + " days ahead"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidValue(errors);
            }
            return new Command(userId, reason, expiresAt, actor);
        }
    }
}

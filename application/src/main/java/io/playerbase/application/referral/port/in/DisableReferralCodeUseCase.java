package io.playerbase.application.referral.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.Objects;

public interface DisableReferralCodeUseCase {

    /**
     * Disables the account's code for good: it can no longer be redeemed (referrals made with it stay).
     * Idempotent; 404 {@code user-not-found}, 422 {@code referral-code-missing} when the account has no
     * code yet.
     */
    ReferralSummaryView disable(Command command);

    record Command(UserId owner, Actor actor) {
        public Command {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(actor, "actor");
        }
    }
}

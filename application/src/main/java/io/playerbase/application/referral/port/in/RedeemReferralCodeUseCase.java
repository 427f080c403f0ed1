package io.playerbase.application.referral.port.in;

import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.Objects;

public interface RedeemReferralCodeUseCase {

    /**
     * Links the caller's account to the owner of the code, once (docs/referrals.md): 404
     * {@code referral-code-unknown}; 422 {@code referral-already-redeemed}, {@code referral-window-closed},
     * {@code referral-own-code}, {@code referral-code-disabled}, {@code referrer-computer-player},
     * {@code referrer-inactive}.
     */
    ReferralLinkView redeem(Command command);

    record Command(UserId referee, ReferralCode code, Actor actor) {

        public Command {
            Objects.requireNonNull(referee, "referee");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(actor, "actor");
        }

        public static Command of(UserId referee, String code, Actor actor) {
            return new Command(referee, new ReferralCode(code), actor);
        }
    }
}

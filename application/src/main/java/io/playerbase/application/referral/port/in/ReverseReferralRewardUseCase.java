package io.playerbase.application.referral.port.in;

import io.playerbase.domain.referral.Side;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.ObjectIds;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.ReasonCode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

public interface ReverseReferralRewardUseCase {

    /**
     * Takes one side's paid reward back through the wallet, once: a retry (or another admin) finds the
     * reversal done. 404 {@code referral-not-found}; 422 {@code referral-reward-not-paid},
     * {@code insufficient-funds} (the reward was spent: nothing changes), {@code account-deleted}.
     */
    ReferralLinkView reverse(Command command);

    record Command(UserId referralId, Side side, ReasonCode reason, String description, Actor actor) {

        /** Validates every field at once; the referral id is its referred account's id. */
        public static Command of(String referralId, String side, String reason, String description, Actor actor) {
            List<FieldError> errors = new ArrayList<>();
            UserId validId = ObjectIds.isHex24(referralId) ? new UserId(referralId) : null;
            if (validId == null) {
                errors.add(new FieldError("referral_id", "must be 24 lower-case hex digits"));
            }
            Side validSide = collect(() -> Side.fromWire(side), errors);
            ReasonCode validReason = collect(() -> new ReasonCode(reason), errors);
            String validDescription = description == null || description.isBlank() ? null : description.strip();
            if (validDescription != null
                    && validDescription.codePointCount(0, validDescription.length()) > Movement.MAX_DESCRIPTION) {
                errors.add(new FieldError("description", "must be at most " + Movement.MAX_DESCRIPTION + " characters"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidValue(errors);
            }
            return new Command(validId, validSide, validReason, validDescription, actor);
        }

        private static <T> T collect(Supplier<T> factory, List<FieldError> errors) {
            try {
                return factory.get();
            } catch (InvalidValue e) {
                errors.addAll(e.fieldErrors());
                return null;
            }
        }
    }
}

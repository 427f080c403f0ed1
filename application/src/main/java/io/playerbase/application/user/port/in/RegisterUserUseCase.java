package io.playerbase.application.user.port.in;

import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.NewPassword;
import io.playerbase.domain.user.Username;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

public interface RegisterUserUseCase {

    /**
     * Creates an active player carrying every active module, with a referral code of its own; 409
     * semantics on a taken email or username. With a referral code, the code is checked before anything
     * is written (404 {@code referral-code-unknown}, 422 as for a redemption) and redeemed once the
     * account exists (docs/referrals.md).
     */
    UserView register(Command command);

    /** @param referralCode a code to redeem at once, or {@code null} */
    record Command(Email email, Username username, NewPassword password, ReferralCode referralCode, String requestId) {

        /** Validates all three fields at once so the caller learns every problem in one response. */
        public static Command of(String email, String username, String password, String requestId) {
            return of(email, username, password, null, requestId);
        }

        /** The same, with an optional referral code to redeem. */
        public static Command of(String email, String username, String password, String referralCode, String requestId) {
            List<FieldError> errors = new ArrayList<>();
            Email validEmail = collect(() -> new Email(email), errors);
            Username validUsername = collect(() -> new Username(username), errors);
            NewPassword validPassword = collect(() -> new NewPassword(password), errors);
            ReferralCode validCode = referralCode == null ? null : collect(() -> new ReferralCode(referralCode), errors);
            if (!errors.isEmpty()) {
                throw new InvalidValue(errors.stream().map(error -> error.field().equals("code")
                        ? new FieldError("referral_code", error.message()) : error).toList());
            }
            return new Command(validEmail, validUsername, validPassword, validCode, requestId);
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

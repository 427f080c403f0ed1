package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.NewPassword;
import io.playerbase.domain.user.Username;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

public interface RegisterUserUseCase {

    /** Creates an active player carrying every active module; 409 semantics on a taken email or username. */
    UserView register(Command command);

    record Command(Email email, Username username, NewPassword password, String requestId) {

        /** Validates all three fields at once so the caller learns every problem in one response. */
        public static Command of(String email, String username, String password, String requestId) {
            List<FieldError> errors = new ArrayList<>();
            Email validEmail = collect(() -> new Email(email), errors);
            Username validUsername = collect(() -> new Username(username), errors);
            NewPassword validPassword = collect(() -> new NewPassword(password), errors);
            if (!errors.isEmpty()) {
                throw new InvalidValue(errors);
            }
            return new Command(validEmail, validUsername, validPassword, requestId);
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

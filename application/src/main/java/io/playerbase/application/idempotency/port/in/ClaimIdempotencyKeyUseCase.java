package io.playerbase.application.idempotency.port.in;

import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;

import java.util.List;
import java.util.regex.Pattern;

public interface ClaimIdempotencyKeyUseCase {

    int MAX_KEY_LENGTH = 255;
    String HEADER = "Idempotency-Key";

    /**
     * Decides what to do with a request carrying an {@code Idempotency-Key}:
     * {@link Claim.Proceed} (first time, or the first attempt died) or {@link Claim.Replay} (finished
     * before: send the stored response). The same key with a different request is refused with
     * {@code idempotency-key-reused} (422); while the first attempt still runs, {@code idempotency-key-in-use} (409).
     */
    Claim claim(Command command);

    /**
     * @param scope              the principal (keys are scoped per principal)
     * @param requestFingerprint method, path and canonical body of the request, in any stable encoding
     */
    record Command(String scope, String key, String requestFingerprint) {

        private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY_LENGTH + "}");

        public Command {
            requireValidKey(key);
        }

        /** The key itself when it is present and well-formed; else 400 {@code idempotency-key-missing} / {@code invalid-value}. */
        public static String requireValidKey(String key) {
            if (key == null || key.isBlank()) {
                throw new InvalidValue("idempotency-key-missing", "This request needs an " + HEADER + " header",
                        List.of(new FieldError(HEADER, "is required")));
            }
            if (!SHAPE.matcher(key).matches()) {
                throw new InvalidValue(HEADER, "must be 1-" + MAX_KEY_LENGTH + " visible ASCII characters");
            }
            return key;
        }
    }

    sealed interface Claim {
        /** Execute the request, then record its response (or release the key) with this lease id. */
        record Proceed(String leaseId) implements Claim {
        }

        /** Send this response again, unchanged. */
        record Replay(int status, String contentType, String body) implements Claim {
        }
    }
}

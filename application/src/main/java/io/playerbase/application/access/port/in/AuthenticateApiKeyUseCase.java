package io.playerbase.application.access.port.in;

import java.util.List;

public interface AuthenticateApiKeyUseCase {

    /**
     * Checks {@code <id>.<secret>} against the stored key. Any failure (malformed, unknown, wrong secret,
     * revoked) is the same {@link io.playerbase.domain.shared.AuthenticationFailed}.
     */
    ApiKeyPrincipal authenticate(Command command);

    record Command(String token) {
        @Override
        public String toString() {
            return "AuthenticateApiKeyUseCase.Command[redacted]";
        }
    }

    /** An authenticated key: its id and the wire names of its scopes. */
    record ApiKeyPrincipal(String keyId, List<String> scopes) {
    }
}

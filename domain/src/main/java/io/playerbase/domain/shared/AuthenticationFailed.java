package io.playerbase.domain.shared;

import java.util.List;

/**
 * Credentials or a token were not accepted. The detail never says which part was wrong,
 * so the response cannot be used to probe for accounts.
 */
public final class AuthenticationFailed extends DomainException {
    public AuthenticationFailed() {
        super("authentication-failed", "The credentials are not valid", List.of());
    }
}

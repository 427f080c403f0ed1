package io.playerbase.domain.shared;

import java.util.List;
import java.util.Optional;

/**
 * Credentials or a token were not accepted. The detail never says which part was wrong,
 * so the response cannot be used to probe for accounts.
 */
public final class AuthenticationFailed extends DomainException {

    private final transient UserId account;

    public AuthenticationFailed() {
        this(null);
    }

    /**
     * A failure for a known account (e.g. a wrong password), so abuse limits can count failures per
     * account whichever name (email or username) was used. Never shown to the caller.
     */
    public AuthenticationFailed(UserId account) {
        super("authentication-failed", "The credentials are not valid", List.of());
        this.account = account;
    }

    public Optional<UserId> account() {
        return Optional.ofNullable(account);
    }
}

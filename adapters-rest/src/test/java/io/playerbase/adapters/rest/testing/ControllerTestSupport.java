package io.playerbase.adapters.rest.testing;

import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.shared.UserId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The scaffolding every controller test shares: principals (access tokens whose account the live-account
 * check finds active with the token's roles), no API keys unless a test stubs them, Idempotency-Keys.
 * A test declares the beans as {@code @MockBean} methods returning these.
 */
public final class ControllerTestSupport {

    private static final Map<UserId, List<String>> CURRENT_ROLES = new ConcurrentHashMap<>();

    private ControllerTestSupport() {
    }

    /** Records the roles of a token about to be minted, and returns the account for {@code TokenService.issue}. */
    public static Authenticated minted(Authenticated user) {
        CURRENT_ROLES.put(user.userId(), List.copyOf(user.roles()));
        return user;
    }

    /** An access token for {@code user} with {@code roles}, whose account stays active with those roles. */
    public static String accessToken(TokenService tokens, UserId user, String... roles) {
        return tokens.issue(minted(new Authenticated(user, List.of(roles), 0))).accessToken();
    }

    /** The live-account check's port: answers with the roles of the token last minted for an id. */
    public static AccessQueries accessQueries() {
        AccessQueries access = mock(AccessQueries.class);
        when(access.activeRoles(any())).thenAnswer(call -> Optional.ofNullable(CURRENT_ROLES.get(call.<UserId>getArgument(0))));
        return access;
    }

    /** API-key authentication that knows no key (a mock a test may stub). */
    public static AuthenticateApiKeyUseCase apiKeys() {
        return mock(AuthenticateApiKeyUseCase.class);
    }

    /** A fresh Idempotency-Key. */
    public static String idempotencyKey() {
        return "key-" + UUID.randomUUID();
    }
}

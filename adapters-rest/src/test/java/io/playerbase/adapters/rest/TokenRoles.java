package io.playerbase.adapters.rest;

import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.shared.UserId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * For controller tests without accounts: the live-account check asks {@link AccessQueries} for an
 * account's current roles; this answers with the roles of the token last minted for that id.
 */
public final class TokenRoles {

    private static final Map<UserId, List<String>> CURRENT = new ConcurrentHashMap<>();

    private TokenRoles() {
    }

    /** Records the roles of a token about to be minted, and returns the account for {@code TokenService.issue}. */
    public static Authenticated minted(Authenticated user) {
        CURRENT.put(user.userId(), List.copyOf(user.roles()));
        return user;
    }

    public static AccessQueries accessQueries() {
        AccessQueries access = mock(AccessQueries.class);
        when(access.activeRoles(any())).thenAnswer(call -> Optional.ofNullable(CURRENT.get(call.<UserId>getArgument(0))));
        return access;
    }
}

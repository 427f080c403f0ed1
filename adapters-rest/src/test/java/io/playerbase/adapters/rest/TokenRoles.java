package io.playerbase.adapters.rest;

import io.playerbase.application.user.port.in.AccessQueries;
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

    public static void minted(UserId user, List<String> roles) {
        CURRENT.put(user, List.copyOf(roles));
    }

    public static AccessQueries accessQueries() {
        AccessQueries access = mock(AccessQueries.class);
        when(access.activeRoles(any())).thenAnswer(call -> Optional.ofNullable(CURRENT.get(call.<UserId>getArgument(0))));
        return access;
    }
}

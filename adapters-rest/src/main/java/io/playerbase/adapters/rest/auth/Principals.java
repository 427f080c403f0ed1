package io.playerbase.adapters.rest.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

/**
 * The two kinds of principal and how they appear in the audit log. A user (player or staff, from a
 * bearer token) has {@code principal_type=user} and its user id as name; a game server or other
 * service has {@code principal_type=api_key}, its key id as name and the roles {@code game_server}
 * plus each of its scopes.
 */
public final class Principals {

    public static final String TYPE = "principal_type";
    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String GAME_SERVER_ROLE = "game_server";

    private Principals() {
    }

    /** The actor of a staff action: admin when the caller holds that role, else support. */
    public static Actor staff(Authentication authentication, HttpRequest<?> request) {
        Actor.ActorRole role = authentication.getRoles().contains("admin") ? Actor.ActorRole.ADMIN : Actor.ActorRole.SUPPORT;
        return Actor.staff(new UserId(authentication.getName()), role, RequestIds.of(request));
    }
}

package io.playerbase.domain.shared;

import java.util.Objects;

/**
 * Who is making a change, recorded in the audit log: the principal's id (a user id, an API key id,
 * or {@code system}), its role, and the request id that ties the change to the access log.
 */
public record Actor(String id, ActorRole role, String requestId) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(requestId, "requestId");
    }

    public static Actor system(String requestId) {
        return new Actor("system", ActorRole.SYSTEM, requestId);
    }

    public static Actor player(UserId userId, String requestId) {
        return new Actor(userId.value(), ActorRole.PLAYER, requestId);
    }

    /** A support or admin user acting on someone else's account. */
    public static Actor staff(UserId userId, ActorRole role, String requestId) {
        if (role != ActorRole.SUPPORT && role != ActorRole.ADMIN) {
            throw new IllegalArgumentException("A staff actor is support or admin, not " + role);
        }
        return new Actor(userId.value(), role, requestId);
    }

    /** A game server or other service, identified by its API key id. */
    public static Actor gameServer(String apiKeyId, String requestId) {
        return new Actor(apiKeyId, ActorRole.GAME_SERVER, requestId);
    }

    public enum ActorRole {
        PLAYER, SUPPORT, ADMIN, GAME_SERVER, SYSTEM
    }
}

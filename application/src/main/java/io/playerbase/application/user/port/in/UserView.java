package io.playerbase.application.user.port.in;

import io.playerbase.domain.user.User;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a player (or staff) sees of an account. Never carries the password hash. */
public record UserView(String id, String email, String username, String status, boolean compPlayer,
                       List<String> roles, String phone, String address,
                       Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt) {

    public static UserView of(User user) {
        return new UserView(user.id().value(), user.email().value(), user.username().value(), user.status().wire(),
                user.compPlayer(), user.roles().stream().map(role -> role.wire()).sorted().toList(),
                user.phone(), user.address(), user.modules(), user.createdAt(), user.updatedAt());
    }
}

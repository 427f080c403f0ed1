package io.playerbase.adapters.rest.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.user.port.in.UserView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@Serdeable
public record UserResponse(String id, @Nullable String email, String username, String status, boolean isCompPlayer,
                           List<String> roles, @Nullable String phone, @Nullable String address,
                           Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt,
                           @Nullable List<String> unreadableFields) {

    public static UserResponse of(UserView view) {
        return new UserResponse(view.id(), view.email(), view.username(), view.status(), view.compPlayer(),
                view.roles(), view.phone(), view.address(), view.modules(), view.createdAt(), view.updatedAt(),
                view.unreadableFields());
    }
}

package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.user.User;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a player (or staff) sees of an account. Never carries the password hash. A personal field
 * stored unreadably is {@code null} here and named in {@code unreadableFields}.
 */
public record UserView(String id, String email, String username, String status, boolean compPlayer,
                       List<String> roles, String phone, String address,
                       Map<String, Map<String, Object>> modules, Instant createdAt, Instant updatedAt,
                       List<String> unreadableFields) {

    public static UserView of(User user) {
        List<String> unreadable = List.copyOf(user.unreadableFields());
        return new UserView(user.id().value(), unreadable.contains("email") ? null : user.email().value(),
                user.username().value(), user.status().wire(),
                user.compPlayer(), user.roles().stream().map(role -> role.wire()).sorted().toList(),
                unreadable.contains("phone") ? null : user.phone(),
                unreadable.contains("address") ? null : user.address(),
                user.modules(), user.createdAt(), user.updatedAt(), unreadable);
    }

    /**
     * The view for the owner, who asked for their own data: a field that cannot be read is an error,
     * never an empty value.
     *
     * @throws StoredDataUnreadable naming the first unreadable field
     */
    public UserView requireReadable() {
        if (!unreadableFields.isEmpty()) {
            throw new StoredDataUnreadable(unreadableFields.get(0));
        }
        return this;
    }
}

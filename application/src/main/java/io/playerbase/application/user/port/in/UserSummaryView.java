package io.playerbase.application.user.port.in;

import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.User;

import java.time.Instant;
import java.util.List;

/**
 * One row of the staff user listing: the account, without profile details and module data. An email
 * stored unreadably is {@code null} and the row names it in {@code unreadableFields}, so one corrupt
 * account never breaks the listing.
 */
public record UserSummaryView(String id, String email, String username, String status, boolean compPlayer,
                              List<String> roles, Instant createdAt, Instant updatedAt, List<String> unreadableFields) {

    public static UserSummaryView of(User user) {
        List<String> unreadable = List.copyOf(user.unreadableFields());
        return new UserSummaryView(user.id().value(), unreadable.contains("email") ? null : user.email().value(),
                user.username().value(), user.status().wire(), user.compPlayer(),
                user.roles().stream().map(Role::wire).sorted().toList(), user.createdAt(), user.updatedAt(), unreadable);
    }
}

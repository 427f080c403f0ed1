package io.playerbase.application.user;

import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Applies a staff action to another user's account with its audit entry. The action only sets status
 * or roles, which commute with what the owner may change meanwhile (profile, password), so a stale
 * version is re-read and the action re-applied a few times instead of bouncing the admin with a 409.
 */
final class StaffChange {

    private static final int ATTEMPTS = 3;

    private final UserRepository users;
    private final Clock clock;

    StaffChange(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    UserView apply(UserId target, Actor actor, String action, BiFunction<User, Instant, List<String>> change) {
        for (int attempt = 1; ; attempt++) {
            User user = users.findById(target).orElseThrow(() -> new NotFound("user-not-found", "No such user"));
            Instant now = clock.instant();
            List<String> changed = change.apply(user, now);
            if (changed.isEmpty()) {
                return UserView.of(user);
            }
            try {
                users.update(user, AuditEntry.of(user.id(), actor, action, "user", changed, now));
                return UserView.of(user);
            } catch (Conflict e) {
                if (!"stale-version".equals(e.code()) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    static boolean isSelf(UserId target, Actor actor) {
        return target.value().equals(actor.id());
    }
}

package io.playerbase.application.user;

import io.playerbase.application.user.port.in.UpdateProfileUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Singleton
final class UpdateProfileService implements UpdateProfileUseCase {

    private final UserRepository users;
    private final Clock clock;

    UpdateProfileService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserView update(Command command) {
        Username username = command.username() == null ? null : new Username(command.username());
        User user = users.findById(command.userId())
                .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        Instant now = clock.instant();
        List<String> changed = user.changeProfile(username, command.phone(), command.address(), now);
        // The owner repairs an unreadable field by replacing or clearing it; a change that leaves one
        // unreadable would answer with a profile that hides it, so it is refused before anything is written.
        UserView.of(user).requireReadable();
        if (!changed.isEmpty()) {
            users.update(user, AuditEntry.of(user.id(), command.actor(), "user.profile_updated", "user", changed, now));
        }
        return UserView.of(user);
    }
}

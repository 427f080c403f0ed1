package io.playerbase.application.compplayer;

import io.playerbase.application.compplayer.port.in.ChangeCompPlayerStatusUseCase;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Singleton
final class ChangeCompPlayerStatusService implements ChangeCompPlayerStatusUseCase {

    private final UserRepository users;
    private final Clock clock;

    ChangeCompPlayerStatusService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public CompPlayerView change(Command command) {
        User user = users.findById(command.userId()).filter(User::compPlayer)
                .orElseThrow(() -> new NotFound("comp-player-not-found", "No such computer player"));
        Instant now = clock.instant();
        List<String> changed = command.active() ? user.reinstate(now) : user.suspend(now);
        if (!changed.isEmpty()) {
            users.update(user, AuditEntry.of(user.id(), command.admin(),
                    command.active() ? "user.reinstated" : "user.suspended", "user", changed, now));
        }
        return CompPlayerViews.of(user);
    }
}

package io.playerbase.application.compplayer;

import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.compplayer.port.in.PickCompPlayersUseCase;
import io.playerbase.domain.compplayer.CompPlayer;
import io.playerbase.domain.compplayer.CompPlayerPool;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@Singleton
final class PickCompPlayersService implements PickCompPlayersUseCase {

    /** A Dutch table seats at most 8 players. */
    static final int MAX_COUNT = 8;

    private final CompPlayerPool pool;
    private final Clock clock;

    PickCompPlayersService(CompPlayerPool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public List<CompPlayerView> pick(Command command) {
        if (command.count() < 1 || command.count() > MAX_COUNT) {
            throw new InvalidValue("count", "must be between 1 and " + MAX_COUNT);
        }
        Map<UserId, CompPlayer> active = pool.active().stream()
                .collect(Collectors.toMap(CompPlayer::userId, Function.identity()));
        if (command.count() > active.size()) {
            throw new RuleViolation("not-enough-comp-players", "Asked for " + command.count()
                    + " computer players; " + active.size() + " exist");
        }
        return pool.pickLeastRecentlyPicked(active.keySet(), command.count(), clock.instant()).stream()
                .map(active::get).map(CompPlayerView::of).toList();
    }
}

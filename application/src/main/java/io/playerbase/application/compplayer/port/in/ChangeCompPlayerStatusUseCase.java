package io.playerbase.application.compplayer.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

/**
 * An admin suspends a computer player (no longer picked, no longer accepted in match reports) or
 * reinstates it. Setting the status it already has changes nothing. Not a computer player →
 * {@code NotFound} ({@code comp-player-not-found}).
 */
public interface ChangeCompPlayerStatusUseCase {

    CompPlayerView change(Command command);

    record Command(UserId userId, boolean active, Actor admin) {
    }
}

package io.playerbase.application.compplayer.port.in;

import java.util.List;

/**
 * A game server asks for computer players to fill a table: {@code count} distinct active ones, least
 * recently picked first. More than exist → {@code RuleViolation} ({@code not-enough-comp-players})
 * saying how many exist.
 */
public interface PickCompPlayersUseCase {

    List<CompPlayerView> pick(Command command);

    record Command(int count) {
    }
}

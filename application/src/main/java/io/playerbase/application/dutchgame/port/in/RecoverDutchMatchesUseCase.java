package io.playerbase.application.dutchgame.port.in;

import java.time.Duration;

/**
 * The recovery pass: completes (or, when they were being rejected, rolls back) matches that a crashed
 * or abandoned report left half-way, as a retry of the report would.
 */
public interface RecoverDutchMatchesUseCase {

    /** Number of matches it finished plus stray holds it released. */
    int recover(Command command);

    /** @param minAge only matches stored at least this long ago (younger ones are probably still running) */
    record Command(Duration minAge) {
    }
}

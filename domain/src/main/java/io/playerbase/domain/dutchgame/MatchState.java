package io.playerbase.domain.dutchgame;

import java.util.Locale;

/**
 * Progress of a stored match. {@code RESERVING}: coins are being held from every player;
 * then either {@code APPLYING} (every hold is in place; counters are being written player by player)
 * and {@code APPLIED}, or {@code REJECTING} (a player could not play: holds are released and the match
 * is deleted, so nothing stays changed). Moves only forward, by conditional updates of the match.
 */
public enum MatchState {
    RESERVING, APPLYING, APPLIED, REJECTING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatchState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Locale;

/** How a match ended for one player. */
public enum MatchResult {
    WIN, LOSS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatchResult fromWire(String value) {
        for (MatchResult result : values()) {
            if (result.wire().equals(value)) {
                return result;
            }
        }
        throw new InvalidValue("result", "must be win or loss");
    }
}

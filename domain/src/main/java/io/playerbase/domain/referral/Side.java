package io.playerbase.domain.referral;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Locale;

/** The two accounts a referral rewards. */
public enum Side {
    REFERRER, REFEREE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Side fromWire(String value) {
        for (Side side : values()) {
            if (side.wire().equals(value)) {
                return side;
            }
        }
        throw new InvalidValue("side", "must be referrer or referee");
    }
}

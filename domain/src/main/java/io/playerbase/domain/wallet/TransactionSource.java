package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Locale;

/** Which part of the product moved the money. Stored in clear: it says where, never how much. */
public enum TransactionSource {
    ADMIN, PURCHASE, REFERRAL, GAME, SYSTEM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransactionSource fromWire(String value) {
        for (TransactionSource source : values()) {
            if (source.wire().equals(value)) {
                return source;
            }
        }
        throw new InvalidValue("source", "must be one of admin, purchase, referral, game, system");
    }
}

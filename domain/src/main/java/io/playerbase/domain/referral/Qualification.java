package io.playerbase.domain.referral;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What qualified a referral: the referred account's first completed Dutch match or first verified
 * purchase after the code was redeemed.
 *
 * @param reference the match id or the purchase id
 */
public record Qualification(Kind kind, String reference, Instant at) {

    public Qualification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
    }

    public enum Kind {
        MATCH, PURCHASE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}

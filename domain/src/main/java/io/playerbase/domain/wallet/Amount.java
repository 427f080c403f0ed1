package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;

/**
 * A positive amount of money in integer minor units of the wallet's currency (never a fraction,
 * never a float). Bounded so that no sum of a realistic number of amounts can overflow a long.
 */
public record Amount(long minorUnits) {

    public static final long MAX = 1_000_000_000_000L;

    public Amount {
        if (minorUnits < 1) {
            throw new InvalidValue("amount", "must be a positive whole number of minor units");
        }
        if (minorUnits > MAX) {
            throw new InvalidValue("amount", "must be at most " + MAX);
        }
    }
}

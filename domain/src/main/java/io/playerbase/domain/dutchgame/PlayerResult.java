package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;

import java.util.Objects;

/**
 * One player's line of a match report. Points are what the player earned in the match (never
 * negative: the counter only grows); coins may move either way.
 */
public record PlayerResult(UserId userId, MatchResult result, long points, long coinsDelta) {

    /** Bounds that keep every counter far from overflow and catch a broken game server early. */
    public static final long MAX_POINTS = 1_000_000;
    public static final long MAX_COINS_DELTA = 1_000_000;

    public PlayerResult {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(result, "result");
        if (points < 0 || points > MAX_POINTS) {
            throw new InvalidValue("points", "must be between 0 and " + MAX_POINTS);
        }
        // Not Math.abs: it is negative for Long.MIN_VALUE, which would pass.
        if (coinsDelta < -MAX_COINS_DELTA || coinsDelta > MAX_COINS_DELTA) {
            throw new InvalidValue("coins_delta", "must be between -" + MAX_COINS_DELTA + " and " + MAX_COINS_DELTA);
        }
    }

    /** Coins taken from the player before the match is applied (held), 0 when the player gains coins. */
    public long debit() {
        return Math.max(0, -coinsDelta);
    }

    /** Coins given to the player when the match is applied, 0 when the player loses coins. */
    public long credit() {
        return Math.max(0, coinsDelta);
    }
}

package io.playerbase.domain.purchase;

import io.playerbase.domain.shared.InvalidValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why and by whom a purchase was refunded.
 *
 * @param by     {@code admin}, or the store's wire name when the store refunded or revoked it
 * @param reason a code: {@code refund}, {@code revoke}, {@code voided}, or an admin's own
 * @param at     when the refund happened (the store's time for store notifications)
 */
public record Refund(String by, String reason, Instant at) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public Refund {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (reason == null || !CODE.matcher(reason).matches()) {
            throw new InvalidValue("reason", "must be 1-64 characters: lower-case letters, digits, '_', '.' or '-'");
        }
        // The database keeps milliseconds: the first answer must be what every later read shows.
        at = at.truncatedTo(ChronoUnit.MILLIS);
    }
}

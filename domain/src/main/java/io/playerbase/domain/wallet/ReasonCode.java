package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

/** Why money moved, as a machine-readable code ({@code goodwill}, {@code purchase}, {@code referral_reward}…). */
public record ReasonCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public ReasonCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("reason", "must be 1-64 characters: lower-case letters, digits, '_', '.' or '-'");
        }
    }
}

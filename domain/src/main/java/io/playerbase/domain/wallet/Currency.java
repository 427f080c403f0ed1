package io.playerbase.domain.wallet;

import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

/** The one currency of a wallet: an upper-case code such as {@code CREDITS} or {@code EUR}. */
public record Currency(String code) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z][A-Z0-9_]{1,15}");

    public Currency {
        if (code == null || !SHAPE.matcher(code).matches()) {
            throw new InvalidValue("currency", "must be 2-16 upper-case letters, digits or '_'");
        }
    }
}

package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

/**
 * A public player name: 3 to 30 characters, letters, digits, dot, underscore, hyphen, starting with a
 * letter or digit. Unique regardless of case (through its blind index).
 */
public record Username(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,29}");

    public Username {
        if (value == null || value.isBlank()) {
            throw new InvalidValue("username", "is required");
        }
        value = value.strip();
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValue("username",
                    "must be 3-30 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}

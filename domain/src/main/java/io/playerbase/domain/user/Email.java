package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;

import java.util.regex.Pattern;

/** An email address as the player typed it (trimmed). Uniqueness is by its normalized blind index. */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Email {
        if (value == null || value.isBlank()) {
            throw new InvalidValue("email", "is required");
        }
        value = value.strip();
        if (value.length() > 254) {
            throw new InvalidValue("email", "must be at most 254 characters");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValue("email", "is not an email address");
        }
    }

    @Override
    public String toString() {
        return "Email[redacted]";
    }
}

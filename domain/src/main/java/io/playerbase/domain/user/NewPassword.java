package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;

/**
 * A password chosen by a player, before hashing: 8 to 128 characters (NIST SP 800-63B: length over
 * composition rules). Never printed.
 */
public record NewPassword(String value) {

    public NewPassword {
        if (value == null || value.isEmpty()) {
            throw new InvalidValue("password", "is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < 8) {
            throw new InvalidValue("password", "must be at least 8 characters");
        }
        if (length > 128) {
            throw new InvalidValue("password", "must be at most 128 characters");
        }
    }

    @Override
    public String toString() {
        return "NewPassword[redacted]";
    }
}

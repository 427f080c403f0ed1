package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Locale;

public enum UserStatus {
    ACTIVE, SUSPENDED, DELETED;

    /** The stored and wire form: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserStatus fromWire(String value) {
        for (UserStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new InvalidValue("status", "must be one of active, suspended, deleted");
    }
}

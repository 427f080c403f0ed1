package io.playerbase.domain.user;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Locale;

/** Roles a user account can hold. Every account is a player; staff roles are granted by admins. */
public enum Role {
    PLAYER, SUPPORT, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw new InvalidValue("roles", "unknown role " + value);
    }
}

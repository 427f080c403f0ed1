package io.playerbase.domain.access;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Arrays;

/**
 * What an API key may do. The wire name is also the role an API-key principal carries, so an
 * endpoint for game servers declares {@code @Secured("matches:write")}. A module that needs a new
 * kind of access adds a constant here.
 */
public enum Scope {
    MATCHES_WRITE("matches:write"),
    COMP_PLAYERS_READ("comp-players:read"),
    USERS_READ("users:read");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Scope fromWire(String value) {
        for (Scope scope : values()) {
            if (scope.wire.equals(value)) {
                return scope;
            }
        }
        throw new InvalidValue("scopes", "unknown scope '" + value + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Scope::wire).toList()));
    }
}

package io.playerbase.domain.user;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An entry of the module registry: a module that users carry under {@code modules.<name>}, with the
 * document a user gets when the module is added to them.
 */
public record ModuleDefinition(String name, String status, int version, Map<String, Object> defaults,
                               String description) {

    public ModuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        // Defaults hold nulls ("not set yet"), which Map.copyOf would reject.
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    public boolean active() {
        return "active".equals(status);
    }
}

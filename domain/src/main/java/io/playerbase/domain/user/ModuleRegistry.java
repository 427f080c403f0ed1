package io.playerbase.domain.user;

import java.util.List;

/** Outgoing port: the registry of modules ({@code user_modules}). */
public interface ModuleRegistry {

    /** The modules every new user carries, with their default documents. */
    List<ModuleDefinition> activeModules();
}

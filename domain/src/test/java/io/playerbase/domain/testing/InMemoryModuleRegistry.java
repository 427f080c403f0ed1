package io.playerbase.domain.testing;

import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.ModuleRegistry;

import java.util.List;
import java.util.Map;

public final class InMemoryModuleRegistry implements ModuleRegistry {

    private final List<ModuleDefinition> modules;

    public InMemoryModuleRegistry(List<ModuleDefinition> modules) {
        this.modules = List.copyOf(modules);
    }

    /** Two small modules, enough to see that registration copies the registry's defaults. */
    public static InMemoryModuleRegistry standard() {
        return new InMemoryModuleRegistry(List.of(
                new ModuleDefinition("wallet", "active", 1, Map.of("balance", 0L, "currency", "CREDITS"), "Wallet"),
                new ModuleDefinition("dutch_game", "active", 1, Map.of("wins", 0, "coins", 100), "Dutch"),
                new ModuleDefinition("retired", "inactive", 1, Map.of("x", 1), "Not given to new users")));
    }

    @Override
    public List<ModuleDefinition> activeModules() {
        return modules.stream().filter(ModuleDefinition::active).toList();
    }
}

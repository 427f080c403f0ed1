package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.ModuleRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ModuleRegistryMongoAdapter}: the registry as the migrations wrote it to {@code user_modules}.
 * The port has no contract: its fake is a fixed list, and what the registry holds is the change units'
 * business ({@code MigrationTest}).
 */
abstract class ModuleRegistryMongoAdapterTest {

    private ApplicationContext context;
    private ModuleRegistry registry;
    private MongoCollection<Document> modules;

    abstract MongoTarget target();

    @BeforeEach
    void start() {
        context = target().startAdapters();
        registry = context.getBean(ModuleRegistry.class);
        modules = context.getBean(MongoDatabase.class).getCollection("user_modules");
    }

    @AfterEach
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private List<String> names() {
        return registry.activeModules().stream().map(ModuleDefinition::name).toList();
    }

    @Test
    void theActiveModulesComeByNameWithTheirDefaultDocuments() {
        List<String> names = names();
        assertEquals(names.stream().sorted().toList(), names);
        assertTrue(names.containsAll(List.of("wallet", "dutch_game", "in_app_purchases")), names.toString());
        ModuleDefinition dutch = registry.activeModules().stream().filter(m -> m.name().equals("dutch_game")).findFirst()
                .orElseThrow();
        assertTrue(dutch.active());
        assertEquals(100, ((Number) dutch.defaults().get("coins")).intValue());
    }

    @Test
    void anInactiveModuleIsNotGivenToNewUsersAndAMissingVersionIsOne() {
        modules.updateOne(Filters.eq("module_name", "dutch_game"), Updates.set("status", "inactive"));
        modules.updateOne(Filters.eq("module_name", "wallet"), Updates.unset("version"));
        assertFalse(names().contains("dutch_game"));
        assertEquals(1, registry.activeModules().stream().filter(m -> m.name().equals("wallet")).findFirst().orElseThrow()
                .version());
    }
}

package io.playerbase.adapters.mongo.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.adapters.mongo.support.MongoErrors;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** {@link ModuleRegistry} on {@code user_modules}, read on each registration (a handful of documents). */
@Singleton
final class ModuleRegistryMongoAdapter implements ModuleRegistry {

    private final MongoCollection<Document> modules;

    ModuleRegistryMongoAdapter(MongoDatabase database) {
        this.modules = database.getCollection("user_modules");
    }

    @Override
    public List<ModuleDefinition> activeModules() {
        return MongoErrors.call(() -> {
            List<ModuleDefinition> active = new ArrayList<>();
            for (Document module : modules.find(Filters.eq("status", "active")).sort(Sorts.ascending("module_name"))) {
                active.add(new ModuleDefinition(module.getString("module_name"), module.getString("status"),
                        module.get("version") instanceof Number number ? number.intValue() : 1,
                        BsonValues.toPlainMap(module.get("default_document")),
                        module.getString("description")));
            }
            return active;
        });
    }
}

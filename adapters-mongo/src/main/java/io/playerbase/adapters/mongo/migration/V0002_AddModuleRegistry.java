package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;
import java.util.List;

/**
 * The five modules in the registry ({@code user_modules}). An entry that exists already
 * (written by the old system or by an operator) is left exactly as it is: the upsert only sets
 * fields on insert.
 *
 * <p>Frozen once applied: later changes to a module's defaults are new change units.
 */
@ChangeUnit(id = "V0002_AddModuleRegistry", order = "0002", author = "playerbase")
public class V0002_AddModuleRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(V0002_AddModuleRegistry.class);

    private final MongoDatabase database;

    public V0002_AddModuleRegistry(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        MongoCollection<Document> registry = database.getCollection("user_modules");
        Date now = new Date();
        // One round trip: the five upserts in order, each its own single-document write.
        // module_name comes from the filter on insert; $setOnInsert never touches an existing entry.
        registry.bulkWrite(modules().stream().map(module -> new UpdateOneModel<Document>(
                Filters.eq("module_name", module.name()),
                Updates.combine(
                        Updates.setOnInsert("status", "active"),
                        Updates.setOnInsert("version", 1),
                        Updates.setOnInsert("default_document", module.defaults()),
                        Updates.setOnInsert("description", module.description()),
                        Updates.setOnInsert("created_at", now),
                        Updates.setOnInsert("updated_at", now)),
                new UpdateOptions().upsert(true))).toList());
    }

    /** Nothing to undo: the upserts never overwrite, and a re-run inserts whatever is still missing. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0002_AddModuleRegistry failed; nothing is removed, the next run completes it");
    }

    record Module(String name, String description, Document defaults) {
    }

    static List<Module> modules() {
        return List.of(
                new Module("wallet", "Credits balance and its ledger", new Document()
                        .append("balance", 0L)
                        .append("currency", "CREDITS")
                        .append("updated_at", null)),
                new Module("subscription", "Premium subscription", new Document()
                        .append("plan", "free")
                        .append("status", "none")
                        .append("started_at", null)
                        .append("expires_at", null)
                        .append("auto_renew", false)
                        .append("source_purchase_id", null)),
                new Module("referrals", "Referral code and rewards", new Document()
                        .append("referral_code", null)
                        .append("referred_by", null)
                        .append("referral_count", 0)
                        .append("rewards_earned", 0)),
                new Module("in_app_purchases", "Verified store purchases and entitlements", new Document()
                        .append("total_purchases", 0)
                        .append("last_purchase_at", null)
                        .append("active_entitlements", List.of())),
                new Module("dutch_game", "Statistics of the card game Dutch", new Document()
                        .append("wins", 0)
                        .append("losses", 0)
                        .append("total_matches", 0)
                        .append("points", 0)
                        .append("level", 1)
                        .append("rank", "unranked")
                        .append("win_rate", 0.0)
                        .append("coins", 100)
                        .append("last_match_at", null)
                        .append("recent_match_ids", List.of())
                        .append("formula_version", 1)));
    }
}

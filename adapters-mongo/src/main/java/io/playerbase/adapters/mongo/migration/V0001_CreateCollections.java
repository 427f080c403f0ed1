package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ValidationAction;
import com.mongodb.client.model.ValidationLevel;
import com.mongodb.client.model.ValidationOptions;
import io.micronaut.core.annotation.Nullable;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The collections of the data model with their validators and all their indexes.
 *
 * <p>Collections are created only if missing (a database of the old system keeps its collections as
 * they are). Validators use {@code validationLevel: moderate}, so documents that are already invalid
 * can still be updated, and require only the fields Playerbase always writes. Every index has an
 * explicit name. On the embedded server, which enforces none of them, validators, TTL and partial
 * filters are left out (logged at INFO); a real MongoDB always gets the full definitions.
 *
 * <p>Frozen once applied: a change of schema or index is a new change unit.
 */
@ChangeUnit(id = "V0001_CreateCollections", order = "0001", author = "playerbase")
public class V0001_CreateCollections {

    private static final Logger LOG = LoggerFactory.getLogger(V0001_CreateCollections.class);
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;
    private final MigrationSettings settings;

    public V0001_CreateCollections(MongoDatabase database, MigrationSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    @Execution
    public void execute() {
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        schemas().forEach((collection, schema) -> {
            if (!existing.contains(collection)) {
                createCollection(collection, schema);
            }
        });
        Map<String, List<IndexSpec>> byCollection = new LinkedHashMap<>();
        for (IndexSpec index : indexes(settings.auditRetentionDays())) {
            byCollection.computeIfAbsent(index.collection(), collection -> new ArrayList<>()).add(index);
        }
        byCollection.forEach(this::createIndexes);
    }

    /**
     * Nothing to undo: creating collections and indexes is idempotent, so a run that failed half way
     * is completed by the next run, and we never drop anything.
     */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0001_CreateCollections failed; nothing is dropped, the next run completes it");
    }

    private void createCollection(String collection, Document schema) {
        CreateCollectionOptions options = new CreateCollectionOptions();
        if (settings.embeddedStore()) {
            LOG.info("Embedded store: collection {} created without its $jsonSchema validator (not supported there)", collection);
        } else {
            options.validationOptions(new ValidationOptions()
                    .validator(new Document("$jsonSchema", schema))
                    .validationLevel(ValidationLevel.MODERATE)
                    .validationAction(ValidationAction.ERROR));
        }
        try {
            database.createCollection(collection, options);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != NAMESPACE_EXISTS) {
                throw e;
            }
            LOG.info("Collection {} appeared meanwhile; kept as it is", collection);
        }
    }

    /**
     * A collection's indexes in one command (on a fresh database one round trip instead of one per index).
     * When one of them conflicts with an index already there, the command creates none, and each is then
     * created on its own, so the others are still made and the conflicting one is judged by itself.
     */
    private void createIndexes(String collection, List<IndexSpec> indexes) {
        List<IndexModel> models = indexes.stream().map(index -> new IndexModel(index.keys(), options(index))).toList();
        try {
            database.getCollection(collection).createIndexes(models);
        } catch (MongoCommandException e) {
            if (!isConflict(e)) {
                throw e;
            }
            for (int i = 0; i < indexes.size(); i++) {
                createIndex(indexes.get(i), models.get(i));
            }
        }
    }

    private IndexOptions options(IndexSpec index) {
        IndexOptions options = new IndexOptions().name(index.name()).unique(index.unique());
        if (settings.embeddedStore() && (index.expireAfterSeconds() != null || index.partialFilter() != null)) {
            LOG.info("Embedded store: index {}.{} created without its TTL/partial filter (not supported there)",
                    index.collection(), index.name());
        } else {
            if (index.expireAfterSeconds() != null) {
                options.expireAfter(index.expireAfterSeconds(), TimeUnit.SECONDS);
            }
            if (index.partialFilter() != null) {
                options.partialFilterExpression(index.partialFilter());
            }
        }
        return options;
    }

    private void createIndex(IndexSpec index, IndexModel model) {
        try {
            database.getCollection(index.collection()).createIndex(model.getKeys(), model.getOptions());
        } catch (MongoCommandException e) {
            if (!isConflict(e)) {
                throw e;
            }
            keepExistingIndex(index, e);
        }
    }

    private static boolean isConflict(MongoCommandException e) {
        return e.getErrorCode() == INDEX_OPTIONS_CONFLICT || e.getErrorCode() == INDEX_KEY_SPECS_CONFLICT;
    }

    /**
     * A database of the old system may already index the same keys under another name. That index
     * serves as well, unless ours must be unique and it is not: then uniqueness is not enforced, and
     * only a person can decide which duplicates to resolve.
     */
    private void keepExistingIndex(IndexSpec index, MongoCommandException conflict) {
        Document existing = database.getCollection(index.collection()).listIndexes().into(new ArrayList<>()).stream()
                .filter(candidate -> sameKeys(candidate.get("key", Document.class), index.keys()))
                .findFirst()
                .orElseThrow(() -> conflict);
        if (index.unique() && !Boolean.TRUE.equals(existing.get("unique"))) {
            throw new IllegalStateException("Collection " + index.collection() + " has a non-unique index '"
                    + existing.getString("name") + "' on " + index.keys().toJson() + " where Playerbase needs the unique index '"
                    + index.name() + "'. Remove duplicates and replace that index by hand, then restart.");
        }
        LOG.warn("Index {}.{} not created: the existing index '{}' on the same keys is kept ({})",
                index.collection(), index.name(), existing.getString("name"), conflict.getErrorMessage());
    }

    private static boolean sameKeys(@Nullable Document a, Document b) {
        if (a == null || !List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()))) {
            return false;
        }
        for (String field : b.keySet()) {
            Object left = a.get(field);
            Object right = b.get(field);
            boolean same = left instanceof Number l && right instanceof Number r
                    ? l.intValue() == r.intValue()
                    : Objects.equals(left, right);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Collection name → the {@code $jsonSchema} of its documents, in creation order. */
    static Map<String, Document> schemas() {
        Map<String, Document> schemas = new LinkedHashMap<>();
        schemas.put("users", schema(
                List.of("email", "email_bidx", "username", "username_bidx", "password_hash", "status",
                        "is_comp_player", "created_at", "modules"),
                new Document()
                        .append("email", type("string"))
                        .append("email_bidx", new Document("bsonType", List.of("string", "array")))
                        .append("username", type("string"))
                        .append("username_bidx", new Document("bsonType", List.of("string", "array")))
                        .append("password_hash", type("string"))
                        .append("status", new Document("enum", List.of("active", "suspended", "deleted")))
                        .append("is_comp_player", type("bool"))
                        .append("created_at", type("date"))
                        .append("modules", type("object"))));
        schemas.put("user_modules", schema(
                List.of("module_name", "status", "version", "default_document"),
                new Document()
                        .append("module_name", type("string"))
                        .append("status", type("string"))
                        .append("version", new Document("bsonType", List.of("int", "long")))
                        .append("default_document", type("object"))));
        schemas.put("user_audit_logs", schema(
                List.of("user_id", "action", "module", "timestamp"),
                new Document()
                        .append("user_id", type("objectId"))
                        .append("action", type("string"))
                        .append("module", type("string"))
                        .append("timestamp", type("date"))));
        schemas.put("wallet_transactions", schema(List.of("user_id", "operation_id", "created_at"),
                new Document("created_at", type("date"))));
        schemas.put("store_products", schema(List.of("product_id"), new Document()));
        schemas.put("user_purchases", schema(List.of("store", "store_transaction_id", "user_id"), new Document()));
        schemas.put("dutch_matches", schema(List.of("match_id"), new Document()));
        schemas.put("api_keys", schema(List.of("key_id"), new Document()));
        schemas.put("idempotency_keys", schema(List.of("client", "key", "expires_at"),
                new Document("expires_at", type("date"))));
        return schemas;
    }

    /** All indexes of the data model. Leaderboard indexes end in {@code _id} so ties have a stable order. */
    static List<IndexSpec> indexes(int auditRetentionDays) {
        return List.of(
                unique("users", "ux_users_email_bidx", new Document("email_bidx", 1)),
                unique("users", "ux_users_username_bidx", new Document("username_bidx", 1)),
                plain("users", "ix_users_status", new Document("status", 1)),
                plain("users", "ix_users_created_at", new Document("created_at", 1)),
                plain("users", "ix_users_updated_at", new Document("updated_at", 1)),
                plain("users", "ix_users_is_comp_player", new Document("is_comp_player", 1)),
                plain("users", "ix_users_dutch_points", new Document("modules.dutch_game.points", -1).append("_id", 1)),
                plain("users", "ix_users_dutch_wins", new Document("modules.dutch_game.wins", -1).append("_id", 1)),
                plain("users", "ix_users_dutch_win_rate", new Document("modules.dutch_game.win_rate", -1).append("_id", 1)),
                // Users whose audit entries are not flushed yet, oldest change first (recovery pass).
                new IndexSpec("users", "ix_users_pending_audit", new Document("updated_at", 1).append("_id", 1), false, null,
                        new Document("pending_audit.0", new Document("$exists", true))),
                unique("user_modules", "ux_user_modules_module_name", new Document("module_name", 1)),
                plain("user_modules", "ix_user_modules_status", new Document("status", 1)),
                plain("user_audit_logs", "ix_user_audit_logs_user_id_timestamp", new Document("user_id", 1).append("timestamp", -1)),
                plain("user_audit_logs", "ix_user_audit_logs_action", new Document("action", 1)),
                plain("user_audit_logs", "ix_user_audit_logs_module", new Document("module", 1)),
                new IndexSpec("user_audit_logs", "ttl_user_audit_logs_timestamp", new Document("timestamp", 1), false,
                        auditRetentionDays * SECONDS_PER_DAY, null),
                unique("wallet_transactions", "ux_wallet_transactions_user_id_operation_id",
                        new Document("user_id", 1).append("operation_id", 1)),
                plain("wallet_transactions", "ix_wallet_transactions_user_id_created_at",
                        new Document("user_id", 1).append("created_at", -1)),
                unique("store_products", "ux_store_products_product_id", new Document("product_id", 1)),
                unique("user_purchases", "ux_user_purchases_store_transaction",
                        new Document("store", 1).append("store_transaction_id", 1)),
                plain("user_purchases", "ix_user_purchases_user_id", new Document("user_id", 1)),
                unique("dutch_matches", "ux_dutch_matches_match_id", new Document("match_id", 1)),
                unique("api_keys", "ux_api_keys_key_id", new Document("key_id", 1)),
                unique("idempotency_keys", "ux_idempotency_keys_client_key", new Document("client", 1).append("key", 1)),
                // expires_at holds the moment of expiry itself, hence 0 seconds.
                new IndexSpec("idempotency_keys", "ttl_idempotency_keys_expires_at", new Document("expires_at", 1), false, 0L, null));
    }

    record IndexSpec(String collection, String name, Document keys, boolean unique,
                     @Nullable Long expireAfterSeconds, @Nullable Document partialFilter) {
    }

    private static IndexSpec unique(String collection, String name, Document keys) {
        return new IndexSpec(collection, name, keys, true, null, null);
    }

    private static IndexSpec plain(String collection, String name, Document keys) {
        return new IndexSpec(collection, name, keys, false, null, null);
    }

    private static Document schema(List<String> required, Document properties) {
        Document schema = new Document("bsonType", "object").append("required", required);
        if (!properties.isEmpty()) {
            schema.append("properties", properties);
        }
        return schema;
    }

    private static Document type(String bsonType) {
        return new Document("bsonType", bsonType);
    }
}

package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.BsonType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Premium subscriptions (issue 15, docs/subscriptions.md):
 * <ul>
 *   <li>{@code subscriptions}: one document per store subscription ({@code _id} = store and original
 *       transaction or first purchase token), with indexes by owner, by store and purchase token (a
 *       Google Play chain is found by any of its tokens) and by {@code sweep_at} (the sweep's work);</li>
 *   <li>the registry's defaults of {@code subscription} gain the module's new fields
 *       ({@code grace_until}, {@code store}, {@code granted_until}), and every user's
 *       {@code modules.subscription} gets those it lacks, as {@code null}. Nothing there is changed.</li>
 * </ul>
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0070_AddSubscriptions", order = "0070", author = "playerbase")
public class V0070_AddSubscriptions {

    static final String COLLECTION = "subscriptions";
    static final List<String> NEW_FIELDS = List.of("grace_until", "store", "granted_until");
    private static final Logger LOG = LoggerFactory.getLogger(V0070_AddSubscriptions.class);
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;

    public V0070_AddSubscriptions(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        if (!database.listCollectionNames().into(new ArrayList<>()).contains(COLLECTION)) {
            try {
                database.createCollection(COLLECTION);
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != NAMESPACE_EXISTS) {
                    throw e;
                }
            }
        }
        var subscriptions = database.getCollection(COLLECTION);
        subscriptions.createIndex(new Document("user_id", 1), new IndexOptions().name("ix_subscriptions_user_id"));
        subscriptions.createIndex(new Document("store", 1).append("tokens", 1), new IndexOptions().name("ix_subscriptions_store_tokens"));
        subscriptions.createIndex(new Document("sweep_at", 1), new IndexOptions().name("ix_subscriptions_sweep_at"));

        var registry = database.getCollection("user_modules");
        var users = database.getCollection("users");
        for (String field : NEW_FIELDS) {
            registry.updateOne(Filters.and(Filters.eq("module_name", "subscription"),
                            Filters.type("default_document", BsonType.DOCUMENT),
                            Filters.exists("default_document." + field, false)),
                    Updates.set("default_document." + field, null));
            users.updateMany(Filters.and(Filters.type("modules.subscription", BsonType.DOCUMENT),
                            Filters.exists("modules.subscription." + field, false)),
                    Updates.set("modules.subscription." + field, null));
        }
    }

    /** Nothing to undo: creating a collection, indexes and absent fields is idempotent and nothing is dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0070_AddSubscriptions failed; nothing is dropped, the next run completes it");
    }
}

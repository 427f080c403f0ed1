package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ix_user_keys_pending}: the data keys of user inserts not yet settled ({@code pending: true}
 * until the user document exists), oldest first, for the recovery pass that confirms or deletes them
 * (docs/encryption.md). Partial on real MongoDB (only pending keys are indexed), plain on the embedded
 * store. Creating an index that exists is a no-op. Frozen once applied.
 */
@ChangeUnit(id = "V0095_IndexPendingUserKeys", order = "0095", author = "playerbase")
public class V0095_IndexPendingUserKeys {

    private static final Logger LOG = LoggerFactory.getLogger(V0095_IndexPendingUserKeys.class);

    private final MongoDatabase database;
    private final MigrationSettings settings;

    public V0095_IndexPendingUserKeys(MongoDatabase database, MigrationSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    @Execution
    public void execute() {
        IndexOptions pending = new IndexOptions().name("ix_user_keys_pending");
        if (settings.embeddedStore()) {
            LOG.info("Embedded store: index user_keys.ix_user_keys_pending created without its partial filter");
        } else {
            pending.partialFilterExpression(new Document("pending", true));
        }
        database.getCollection("user_keys").createIndex(new Document("pending", 1).append("created_at", 1), pending);
    }

    @RollbackExecution
    public void rollback() {
        LOG.warn("V0095_IndexPendingUserKeys failed; nothing is dropped, the next run completes it");
    }
}

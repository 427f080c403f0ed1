package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes for the staff user listing, which filters by status or computer-player flag and pages
 * newest first by {@code _id}: with the filter field first and {@code _id} second, a page is an index
 * range scan instead of a sort of every matching user.
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0004_AddStaffListingIndexes", order = "0004", author = "playerbase")
public class V0004_AddStaffListingIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(V0004_AddStaffListingIndexes.class);
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;

    private final MongoDatabase database;

    public V0004_AddStaffListingIndexes(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        index("ix_users_status_id", new Document("status", 1).append("_id", -1));
        index("ix_users_is_comp_player_id", new Document("is_comp_player", 1).append("_id", -1));
    }

    /** Nothing to undo: creating an index is idempotent and the next run completes it. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0004_AddStaffListingIndexes failed; nothing is dropped, the next run completes it");
    }

    private void index(String name, Document keys) {
        try {
            database.getCollection("users").createIndex(keys, new IndexOptions().name(name));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT && e.getErrorCode() != INDEX_KEY_SPECS_CONFLICT) {
                throw e;
            }
            // An operator's index on the same keys under another name serves as well.
            LOG.warn("Index users.{} not created, an equivalent index exists: {}", name, e.getErrorMessage());
        }
    }
}

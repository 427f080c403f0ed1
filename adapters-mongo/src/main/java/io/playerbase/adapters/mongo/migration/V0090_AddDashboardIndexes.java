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
 * Time indexes the staff dashboard's series read by range (docs/console.md):
 * {@code ix_dutch_matches_recorded_at} and {@code ix_wallet_transactions_created_at}. Registrations use
 * V0001's {@code ix_users_created_at}. Creating an index that exists is a no-op, so a run that failed
 * half way completes on the next run. Frozen once applied.
 */
@ChangeUnit(id = "V0090_AddDashboardIndexes", order = "0090", author = "playerbase")
public class V0090_AddDashboardIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(V0090_AddDashboardIndexes.class);
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;

    private final MongoDatabase database;

    public V0090_AddDashboardIndexes(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        index("dutch_matches", "ix_dutch_matches_recorded_at", new Document("recorded_at", -1));
        index("wallet_transactions", "ix_wallet_transactions_created_at", new Document("created_at", -1));
    }

    @RollbackExecution
    public void rollback() {
        LOG.warn("V0090_AddDashboardIndexes failed; nothing is dropped, the next run completes it");
    }

    private void index(String collection, String name, Document keys) {
        try {
            database.getCollection(collection).createIndex(keys, new IndexOptions().name(name));
        } catch (MongoCommandException e) {
            // An operator's own index on the same keys under another name serves as well.
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT && e.getErrorCode() != INDEX_KEY_SPECS_CONFLICT) {
                throw e;
            }
            LOG.info("{}: an equivalent index exists already, {} not created", collection, name);
        }
    }
}

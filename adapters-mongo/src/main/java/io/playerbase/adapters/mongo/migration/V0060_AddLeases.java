package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code leases}: one document per background job ({@code _id} = the job's name, {@code owner} = the
 * instance running it, {@code expires_at}), so that a job runs on one instance at a time and another
 * takes over when the holder's lease expires (docs/operations.md, "Several instances"). The
 * {@code _id} index is all it needs.
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0060_AddLeases", order = "0060", author = "playerbase")
public class V0060_AddLeases {

    static final String COLLECTION = "leases";
    private static final Logger LOG = LoggerFactory.getLogger(V0060_AddLeases.class);
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;

    public V0060_AddLeases(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        if (database.listCollectionNames().into(new java.util.ArrayList<>()).contains(COLLECTION)) {
            return;
        }
        try {
            database.createCollection(COLLECTION);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != NAMESPACE_EXISTS) {
                throw e;
            }
        }
    }

    /** Nothing to undo: creating the collection is idempotent and nothing is ever dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0060_AddLeases failed; nothing is dropped, the next run completes it");
    }
}

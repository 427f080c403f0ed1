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
 * {@code ix_user_purchases_created_at}: the time index the staff dashboard's purchases series reads by
 * range, newest first (docs/console.md, "Aggregates"), as V0090 did for matches and the ledger.
 * Creating an index that exists is a no-op; an operator's own index on the same keys under another
 * name serves as well. Frozen once applied.
 */
@ChangeUnit(id = "V0096_AddPurchaseTimeIndex", order = "0096", author = "playerbase")
public class V0096_AddPurchaseTimeIndex {

    private static final Logger LOG = LoggerFactory.getLogger(V0096_AddPurchaseTimeIndex.class);
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;

    private final MongoDatabase database;

    public V0096_AddPurchaseTimeIndex(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        try {
            database.getCollection("user_purchases").createIndex(new Document("created_at", -1),
                    new IndexOptions().name("ix_user_purchases_created_at"));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT && e.getErrorCode() != INDEX_KEY_SPECS_CONFLICT) {
                throw e;
            }
            LOG.info("user_purchases: an equivalent index exists already, ix_user_purchases_created_at not created");
        }
    }

    @RollbackExecution
    public void rollback() {
        LOG.warn("V0096_AddPurchaseTimeIndex failed; nothing is dropped, the next run completes it");
    }
}

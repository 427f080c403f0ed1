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
 * {@code ix_store_notifications_unprocessed} on {@code store_notifications} ({@code processed_at},
 * {@code received_at}): the purchase recovery pass reads the notifications a crash left unprocessed
 * (processed_at null), oldest first, a page per run (docs/purchases.md, "Order"), without scanning a
 * log that only grows. Existing documents need nothing: purchases without the new {@code word_*} fields
 * read as "no word yet". Creating an index that exists is a no-op; an operator's own index on the same
 * keys under another name serves as well. Frozen once applied.
 */
@ChangeUnit(id = "V0120_IndexUnprocessedNotifications", order = "0120", author = "playerbase")
public class V0120_IndexUnprocessedNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(V0120_IndexUnprocessedNotifications.class);
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;

    private final MongoDatabase database;

    public V0120_IndexUnprocessedNotifications(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        try {
            database.getCollection("store_notifications").createIndex(
                    new Document("processed_at", 1).append("received_at", 1),
                    new IndexOptions().name("ix_store_notifications_unprocessed"));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT && e.getErrorCode() != INDEX_KEY_SPECS_CONFLICT) {
                throw e;
            }
            LOG.info("store_notifications: an equivalent index exists already, ix_store_notifications_unprocessed not created");
        }
    }

    @RollbackExecution
    public void rollback() {
        LOG.warn("V0120_IndexUnprocessedNotifications failed; nothing is dropped, the next run completes it");
    }
}

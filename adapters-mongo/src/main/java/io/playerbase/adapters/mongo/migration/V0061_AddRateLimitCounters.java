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

import java.util.concurrent.TimeUnit;

/**
 * {@code rate_limit_counters}: one document per rate-limit key and window ({@code _id} = a keyed hash
 * of policy and key, never the key itself, which may be an email; {@code count}, {@code expires_at}),
 * so that every instance counts against the same limits. A TTL index removes expired windows on real
 * MongoDB (the embedded store ignores TTL; an expired window is reset by the next event anyway).
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0061_AddRateLimitCounters", order = "0061", author = "playerbase")
public class V0061_AddRateLimitCounters {

    static final String COLLECTION = "rate_limit_counters";
    private static final Logger LOG = LoggerFactory.getLogger(V0061_AddRateLimitCounters.class);
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;

    public V0061_AddRateLimitCounters(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        if (!database.listCollectionNames().into(new java.util.ArrayList<>()).contains(COLLECTION)) {
            try {
                database.createCollection(COLLECTION);
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != NAMESPACE_EXISTS) {
                    throw e;
                }
            }
        }
        database.getCollection(COLLECTION).createIndex(new Document("expires_at", 1),
                new IndexOptions().name("ttl_rate_limit_counters_expires_at").expireAfter(0L, TimeUnit.SECONDS));
    }

    /** Nothing to undo: creating the collection and index is idempotent and nothing is ever dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0061_AddRateLimitCounters failed; nothing is dropped, the next run completes it");
    }
}

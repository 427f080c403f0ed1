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
 * {@code dutch_comp_player_picks}: when each computer player was last handed to a game server
 * ({@code _id} = the user id, {@code last_picked_at}), indexed for "least recently picked first".
 * Kept out of the user documents: a pick is not a change to the player and is not audited.
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0030_AddCompPlayerPicks", order = "0030", author = "playerbase")
public class V0030_AddCompPlayerPicks {

    static final String COLLECTION = "dutch_comp_player_picks";
    private static final Logger LOG = LoggerFactory.getLogger(V0030_AddCompPlayerPicks.class);
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;

    public V0030_AddCompPlayerPicks(MongoDatabase database) {
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
        database.getCollection(COLLECTION).createIndex(new Document("last_picked_at", 1).append("_id", 1),
                new IndexOptions().name("ix_comp_player_picks_last_picked_at"));
    }

    /** Nothing to undo: creating the collection and index is idempotent and nothing is ever dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0030_AddCompPlayerPicks failed; nothing is dropped, the next run completes it");
    }
}

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
 * The personal-data export (issue 16, docs/privacy.md) lists the Dutch matches a user played, page by
 * page in {@code _id} order: {@code dutch_matches} by {@code players.user_id} and {@code _id}.
 *
 * <p>Frozen once applied.
 */
@ChangeUnit(id = "V0081_IndexMatchesByPlayer", order = "0081", author = "playerbase")
public class V0081_IndexMatchesByPlayer {

    private static final Logger LOG = LoggerFactory.getLogger(V0081_IndexMatchesByPlayer.class);

    private final MongoDatabase database;

    public V0081_IndexMatchesByPlayer(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        database.getCollection("dutch_matches").createIndex(new Document("players.user_id", 1).append("_id", 1),
                new IndexOptions().name("ix_dutch_matches_players_user_id"));
    }

    /** Nothing to undo: creating an index is idempotent and nothing is ever dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0081_IndexMatchesByPlayer failed; nothing is dropped, the next run completes it");
    }
}

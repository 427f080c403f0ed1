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

import java.util.ArrayList;

/**
 * The leaderboards' boards (docs/dutch-game.md, "Leaderboards at scale"): one index per order whose
 * leading fields are what makes a player a member ({@code status}, {@code is_comp_player}), then the value
 * descending and the id, so a page and a count are one range read that stops at its size:
 * {@code ix_users_board_points}, {@code ix_users_board_wins}, {@code ix_users_board_win_rate} (on
 * {@code modules.dutch_game._board_win_rate}, the win rate of players with the minimum of matches, which
 * the stats write and the ranking pass stamp). And {@code dutch_rankings}, where the ranking pass keeps the
 * marks ranks are counted from. The indexes of V0001 on the values alone stay (nothing is dropped).
 * Frozen once applied.
 */
@ChangeUnit(id = "V0102_AddLeaderboardBoards", order = "0102", author = "playerbase")
public class V0102_AddLeaderboardBoards {

    private static final Logger LOG = LoggerFactory.getLogger(V0102_AddLeaderboardBoards.class);
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;

    public V0102_AddLeaderboardBoards(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        board("ix_users_board_points", "modules.dutch_game.points");
        board("ix_users_board_wins", "modules.dutch_game.wins");
        board("ix_users_board_win_rate", "modules.dutch_game._board_win_rate");
        if (!database.listCollectionNames().into(new ArrayList<>()).contains("dutch_rankings")) {
            try {
                database.createCollection("dutch_rankings");
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != NAMESPACE_EXISTS) {
                    throw e;
                }
            }
        }
    }

    private void board(String name, String value) {
        database.getCollection("users").createIndex(new Document("status", 1).append("is_comp_player", 1)
                .append(value, -1).append("_id", 1), new IndexOptions().name(name));
    }

    @RollbackExecution
    public void rollback() {
        LOG.warn("V0102_AddLeaderboardBoards failed; nothing is dropped, the next run completes it");
    }
}

package io.playerbase.adapters.mongo.dutchgame;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static io.playerbase.adapters.mongo.dutchgame.DutchGameDocumentMapper.MODULE;

/**
 * The ranking pass of the leaderboards, every {@code playerbase.dutch-game.ranking-interval} on one
 * instance at a time (lease {@code dutch-ranking}):
 * <ol>
 *   <li>when the configured {@code min-matches-for-win-rate} is not the one the players are stamped for
 *       (a first start, or a changed setting), it stamps every player's {@code _board_win_rate} (the win
 *       rate from that many matches on, absent below), each write conditional on the player's
 *       {@code total_matches} as read (a stats write meanwhile stamps the player itself), then records the
 *       minimum; until then the win-rate leaderboard reads as before V0102 (a scan);</li>
 *   <li>for each board ({@link DutchBoards}) it reads the board in order through its index and writes a mark
 *       every {@code ranking-mark-every} players ({@link DutchRankings}): a new generation of chunks, then
 *       the board's summary (one atomic replace), then the older generations go.</li>
 * </ol>
 * It reads each board once per pass (an index scan, covered by the index on a real MongoDB) and writes
 * one document per 1,000 marks; a crash mid-way leaves the previous generation in use.
 */
@Singleton
public final class DutchRankingPass {

    private static final Logger LOG = LoggerFactory.getLogger(DutchRankingPass.class);
    private static final int MARKS_PER_CHUNK = 1000;
    private static final int BATCH = 1000;

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> rankings;
    private final Leases leases;
    private final long minMatchesForWinRate;
    private final int markEvery;
    private final Duration interval;

    DutchRankingPass(MongoDatabase database, Leases leases, DutchBoardSettings settings) {
        this.users = database.getCollection(DutchGameDocumentMapper.USERS);
        this.rankings = database.getCollection(DutchBoards.RANKINGS);
        this.leases = leases;
        this.minMatchesForWinRate = settings.minMatchesForWinRate();
        this.markEvery = settings.rankingMarkEvery();
        this.interval = settings.rankingInterval();
    }

    @Scheduled(initialDelay = "15s", fixedDelay = "${playerbase.dutch-game.ranking-interval:60s}")
    void runPeriodically() {
        try {
            leases.runIfHeld("dutch-ranking", interval.multipliedBy(2), this::run);
        } catch (RuntimeException e) {
            LOG.warn("Dutch ranking pass failed; the next one retries: {}", e.getMessage());
        }
    }

    /** One pass: the win-rate stamps if they are not current, then the marks of every board (also run by bench/). */
    public void run() {
        stampWinRatesIfNeeded();
        for (LeaderboardOrder order : LeaderboardOrder.values()) {
            for (boolean compPlayers : List.of(false, true)) {
                mark(order, compPlayers);
            }
        }
    }

    void stampWinRatesIfNeeded() {
        Document state = rankings.find(Filters.eq("_id", "state")).first();
        if (state != null && state.get("win_rate_min_matches") instanceof Number stamped
                && stamped.longValue() == minMatchesForWinRate) {
            return;
        }
        if (minMatchesForWinRate <= 0) {
            // Every player would be on the board, new ones included (no stats write stamps them): the
            // win-rate leaderboard keeps the scan. Anything stamped before is left; the state says "none".
            rankings.deleteOne(Filters.eq("_id", "state"));
            return;
        }
        String total = MODULE + ".total_matches";
        String rate = MODULE + ".win_rate";
        String stamp = MODULE + "." + DutchBoards.BOARD_WIN_RATE;
        long stamped = 0;
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document user : users.find(Filters.or(Filters.gte(total, minMatchesForWinRate), Filters.exists(stamp)))
                .projection(Projections.include(total, rate, stamp)).batchSize(BATCH)) {
            Document dutch = DutchGameDocumentMapper.dutchOf(user);
            Object matches = dutch.get("total_matches");
            boolean eligible = matches instanceof Number n && n.longValue() >= minMatchesForWinRate;
            Object current = dutch.get(DutchBoards.BOARD_WIN_RATE);
            Object wanted = eligible && dutch.get("win_rate") instanceof Number r ? r.doubleValue() : null;
            if (wanted == null ? current == null : wanted.equals(current instanceof Number c ? c.doubleValue() : current)) {
                continue;
            }
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", user.get("_id")), Filters.eq(total, matches)),
                    wanted == null ? Updates.unset(stamp) : Updates.set(stamp, wanted)));
            if (writes.size() >= BATCH) {
                stamped += users.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
                writes.clear();
            }
        }
        if (!writes.isEmpty()) {
            stamped += users.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
        }
        rankings.replaceOne(Filters.eq("_id", "state"), new Document("_id", "state")
                .append("win_rate_min_matches", minMatchesForWinRate).append("stamped_at", new Date()),
                new ReplaceOptions().upsert(true));
        LOG.info("Win-rate leaderboard stamped for {} matches and more: {} players changed", minMatchesForWinRate, stamped);
    }

    /** Reads one board in order and writes its marks as a new generation. */
    void mark(LeaderboardOrder order, boolean compPlayers) {
        String board = DutchBoards.name(order, compPlayers);
        String field = DutchBoards.field(order);
        long generation = System.currentTimeMillis();
        List<Document> chunks = new ArrayList<>();
        List<Document> marks = new ArrayList<>();
        long position = 0;
        for (Document user : users.find(DutchBoards.and(DutchBoards.members(order, compPlayers, minMatchesForWinRate),
                        Filters.gte(field, DutchBoards.LOWEST)))
                .sort(DutchBoards.order(order)).projection(Projections.include(field)).batchSize(BATCH)) {
            if (position % markEvery == 0) {
                Object value = valueAt(user, order);
                if (value instanceof Number number) {
                    marks.add(new Document("v", number.doubleValue()).append("u", ((ObjectId) user.get("_id")).toHexString())
                            .append("r", position));
                }
                if (marks.size() == MARKS_PER_CHUNK) {
                    chunks.add(writeChunk(board, generation, chunks.size(), marks));
                    marks = new ArrayList<>();
                }
            }
            position++;
        }
        if (!marks.isEmpty()) {
            chunks.add(writeChunk(board, generation, chunks.size(), marks));
        }
        rankings.replaceOne(Filters.eq("_id", board), new Document("_id", board).append("generation", generation)
                .append("every", markEvery).append("size", position).append("computed_at", new Date())
                .append("chunks", chunks), new ReplaceOptions().upsert(true));
        rankings.deleteMany(Filters.and(Filters.eq("board", board), Filters.ne("generation", generation)));
    }

    private static Object valueAt(Document user, LeaderboardOrder order) {
        return DutchGameDocumentMapper.dutchOf(user).get(DutchBoards.field(order).substring(MODULE.length() + 1));
    }

    /** Writes one chunk of marks; returns its entry for the summary (its first mark and number). */
    private Document writeChunk(String board, long generation, int number, List<Document> marks) {
        rankings.replaceOne(Filters.eq("_id", board + ":" + generation + ":" + number),
                new Document("_id", board + ":" + generation + ":" + number).append("board", board)
                        .append("generation", generation).append("marks", marks),
                new ReplaceOptions().upsert(true));
        Document first = marks.get(0);
        return new Document("v", first.get("v")).append("u", first.get("u")).append("r", first.get("r")).append("n", number);
    }
}

package io.playerbase.adapters.mongo.dutchgame;

import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.dutchgame.PlayerSnapshot;
import io.playerbase.domain.dutchgame.Standing;
import io.playerbase.domain.shared.UserId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Dutch documents on their own: no database, the old system's counters included. */
class DutchGameDocumentMapperTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void aNewMatchReadsBackAsReportedAndReserving() {
        UserId ann = UserId.newId(NOW);
        UserId bob = UserId.newId(NOW);
        MatchReport report = new MatchReport(new MatchId("m-1"), NOW.minusSeconds(600), NOW,
                List.of(new PlayerResult(ann, MatchResult.WIN, 30, 10), new PlayerResult(bob, MatchResult.LOSS, 5, -10)));
        ObjectId attempt = new ObjectId();

        Document stored = DutchGameDocumentMapper.toNewMatch(attempt, report, "pbk_0123456789abcdef01234567", NOW);
        MatchRecord read = DutchGameDocumentMapper.toMatch(stored);

        assertEquals(ObjectId.class, stored.getList("players", Document.class).get(0).get("user_id").getClass());
        assertEquals(attempt.toHexString(), read.attemptId());
        assertEquals(report, read.report());
        assertEquals(MatchState.RESERVING, read.state());
        assertEquals(Set.of(), read.applied());
        assertEquals("pbk_0123456789abcdef01234567", read.reportedBy());
        assertEquals(NOW, read.recordedAt());
    }

    @Test
    void theOldSystemsCountersReadWhateverTheirNumberType() {
        Document dutch = new Document("wins", 3.0).append("losses", 2).append("total_matches", 5L)
                .append("points", 120.0).append("last_match_at", Date.from(NOW));

        DutchStats stats = DutchGameDocumentMapper.toStats(dutch);

        assertEquals(3, stats.wins());
        assertEquals(2, stats.losses());
        assertEquals(5, stats.totalMatches());
        assertEquals(120, stats.points());
        assertEquals(1, stats.level(), "a missing level is the first");
        assertEquals("unranked", stats.rank());
        assertEquals(0.0, stats.winRate());
        assertEquals(1, stats.formulaVersion());
        assertEquals(NOW, stats.lastMatchAt());
    }

    @Test
    void aUserWithoutTheDutchModuleIsANewPlayer() {
        ObjectId id = new ObjectId();
        Document user = new Document("_id", id).append("username", "ann").append("status", "active");

        PlayerSnapshot snapshot = DutchGameDocumentMapper.toSnapshot(user);
        Standing standing = DutchGameDocumentMapper.toStanding(user);

        assertEquals(new UserId(id.toHexString()), snapshot.userId());
        assertTrue(snapshot.active());
        assertFalse(snapshot.compPlayer());
        assertEquals(0, snapshot.coins());
        assertEquals(List.of(), snapshot.recentMatchIds());
        assertEquals(0, snapshot.stats().totalMatches());
        assertNull(snapshot.stats().lastMatchAt());
        assertEquals("ann", standing.username());
    }

    @Test
    void aSuspendedComputerPlayerWithHoldsIsReadAsSuch() {
        Document user = new Document("_id", new ObjectId()).append("username", "lena_kay").append("status", "suspended")
                .append("is_comp_player", true)
                .append("modules", new Document("dutch_game", new Document("coins", 1000)
                        .append("recent_match_ids", List.of("m-1", "m-2"))
                        .append("coin_holds", List.of(new Document("attempt", "a-1").append("coins", 10)))));

        PlayerSnapshot snapshot = DutchGameDocumentMapper.toSnapshot(user);

        assertFalse(snapshot.active());
        assertTrue(snapshot.compPlayer());
        assertEquals(1000, snapshot.coins());
        assertEquals(List.of("m-1", "m-2"), snapshot.recentMatchIds());
        assertEquals(List.of("a-1"), snapshot.heldFor());
    }
}

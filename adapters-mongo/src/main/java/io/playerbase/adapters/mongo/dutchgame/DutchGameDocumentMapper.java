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

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Documents of the Dutch module: {@code dutch_matches} entries, and the {@code modules.dutch_game}
 * part of a user. Reads tolerate documents of the old system (missing counters count as 0).
 */
final class DutchGameDocumentMapper {

    static final String MATCHES = "dutch_matches";
    static final String USERS = "users";
    static final String MODULE = "modules.dutch_game";

    private DutchGameDocumentMapper() {
    }

    static Document toNewMatch(ObjectId attempt, MatchReport report, String reportedBy, Instant now) {
        return new Document("_id", attempt)
                .append("match_id", report.matchId().value())
                .append("started_at", Date.from(report.startedAt()))
                .append("ended_at", Date.from(report.endedAt()))
                .append("players", report.players().stream().map(line -> new Document("user_id", new ObjectId(line.userId().value()))
                        .append("result", line.result().wire())
                        .append("points", line.points())
                        .append("coins_delta", line.coinsDelta())).toList())
                .append("state", MatchState.RESERVING.wire())
                .append("applied_user_ids", List.of())
                .append("reported_by", reportedBy)
                .append("recorded_at", Date.from(now))
                .append("updated_at", Date.from(now));
    }

    static MatchRecord toMatch(Document document) {
        List<PlayerResult> players = document.getList("players", Document.class).stream()
                .map(line -> new PlayerResult(new UserId(line.getObjectId("user_id").toHexString()),
                        MatchResult.fromWire(line.getString("result")), number(line, "points"), number(line, "coins_delta")))
                .toList();
        MatchReport report = new MatchReport(new MatchId(document.getString("match_id")),
                document.getDate("started_at").toInstant(), document.getDate("ended_at").toInstant(), players);
        Set<UserId> applied = document.getList("applied_user_ids", ObjectId.class, List.of()).stream()
                .map(id -> new UserId(id.toHexString())).collect(Collectors.toSet());
        return new MatchRecord(document.getObjectId("_id").toHexString(), report,
                MatchState.fromWire(document.getString("state")), applied, document.getString("reported_by"),
                document.getDate("recorded_at").toInstant());
    }

    static DutchStats toStats(Document dutch) {
        Date last = dutch.getDate("last_match_at");
        long wins = number(dutch, "wins");
        long losses = number(dutch, "losses");
        long total = number(dutch, "total_matches");
        long points = number(dutch, "points");
        Object rate = dutch.get("win_rate");
        return new DutchStats(wins, losses, total, points, (int) Math.max(1, number(dutch, "level")),
                dutch.getString("rank") == null ? "unranked" : dutch.getString("rank"),
                rate instanceof Number n ? n.doubleValue() : 0.0,
                (int) Math.max(1, number(dutch, "formula_version")), last == null ? null : last.toInstant());
    }

    static Document dutchOf(Document user) {
        Document modules = user.get("modules", Document.class);
        Document dutch = modules == null ? null : modules.get("dutch_game", Document.class);
        return dutch == null ? new Document() : dutch;
    }

    static PlayerSnapshot toSnapshot(Document user) {
        Document dutch = dutchOf(user);
        return new PlayerSnapshot(new UserId(user.getObjectId("_id").toHexString()),
                "active".equals(user.getString("status")), Boolean.TRUE.equals(user.getBoolean("is_comp_player")),
                toStats(dutch), number(dutch, "coins"), dutch.getList("recent_match_ids", String.class, List.of()),
                dutch.getList("coin_holds", Document.class, List.of()).stream().map(hold -> hold.getString("attempt")).toList());
    }

    static Standing toStanding(Document user) {
        return new Standing(new UserId(user.getObjectId("_id").toHexString()), user.getString("username"),
                Boolean.TRUE.equals(user.getBoolean("is_comp_player")), toStats(dutchOf(user)));
    }

    /** Counters may be Int32 (registry defaults), Int64 or Double (old system): read any number. */
    static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}

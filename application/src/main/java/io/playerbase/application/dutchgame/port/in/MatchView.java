package io.playerbase.application.dutchgame.port.in;

import io.playerbase.domain.dutchgame.MatchRecord;

import java.time.Instant;
import java.util.List;

/** A stored, applied match as game servers, support and admins see it. */
public record MatchView(String matchId, Instant startedAt, Instant endedAt, List<Line> players, String reportedBy,
                        Instant recordedAt, String status) {

    public record Line(String userId, String result, long points, long coinsDelta) {
    }

    public static MatchView of(MatchRecord match) {
        return new MatchView(match.report().matchId().value(), match.report().startedAt(), match.report().endedAt(),
                match.report().players().stream()
                        .map(p -> new Line(p.userId().value(), p.result().wire(), p.points(), p.coinsDelta())).toList(),
                match.reportedBy(), match.recordedAt(), match.state().wire());
    }
}

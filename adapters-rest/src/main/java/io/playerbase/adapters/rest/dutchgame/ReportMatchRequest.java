package io.playerbase.adapters.rest.dutchgame;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.playerbase.adapters.rest.support.RequestValues;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A finished match as a game server sends it. Shape here (times as ISO-8601 strings, nothing else); values and rules in the domain. */
@Serdeable
record ReportMatchRequest(@NotNull @Size(max = 64) String matchId,
                          @NotNull @Size(max = 64) @Schema(format = "date-time") String startedAt,
                          @NotNull @Size(max = 64) @Schema(format = "date-time") String endedAt,
                          @NotNull @Size(min = 2, max = 8) List<@Valid @NotNull Line> players) {

    @Serdeable
    @Schema(name = "ReportMatchLine")
    record Line(@NotNull @Size(max = 24) String userId, @NotNull @Size(max = 8) String result,
                @NotNull Long points, @NotNull Long coinsDelta) {
    }

    MatchReport toReport() {
        return new MatchReport(new MatchId(matchId), RequestValues.instant("started_at", startedAt),
                RequestValues.instant("ended_at", endedAt), players.stream()
                .map(line -> new PlayerResult(new UserId(line.userId()), MatchResult.fromWire(line.result()),
                        line.points(), line.coinsDelta()))
                .toList());
    }
}

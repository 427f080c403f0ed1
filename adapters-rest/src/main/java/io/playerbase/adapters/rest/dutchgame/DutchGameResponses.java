package io.playerbase.adapters.rest.dutchgame;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.dutchgame.port.in.LeaderboardView;
import io.playerbase.application.dutchgame.port.in.MatchView;
import io.playerbase.application.dutchgame.port.in.PlayerStatsView;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

final class DutchGameResponses {

    private DutchGameResponses() {
    }

    @Serdeable
    @Schema(name = "MatchResponse")
    record MatchResponse(String matchId, Instant startedAt, Instant endedAt, List<Line> players, String reportedBy,
                         Instant recordedAt, String status) {

        @Serdeable
        @Schema(name = "MatchLine")
        record Line(String userId, String result, long points, long coinsDelta) {
        }

        static MatchResponse of(MatchView view) {
            return new MatchResponse(view.matchId(), view.startedAt(), view.endedAt(), view.players().stream()
                    .map(line -> new Line(line.userId(), line.result(), line.points(), line.coinsDelta())).toList(),
                    view.reportedBy(), view.recordedAt(), view.status());
        }
    }

    @Serdeable
    @Schema(name = "PlayerStatsResponse")
    record PlayerStatsResponse(String userId, String username, boolean isCompPlayer, long wins, long losses,
                               long totalMatches, long points, int level, String rank, double winRate,
                               @Nullable Instant lastMatchAt, int formulaVersion) {

        static PlayerStatsResponse of(PlayerStatsView view) {
            return new PlayerStatsResponse(view.userId(), view.username(), view.isCompPlayer(), view.wins(),
                    view.losses(), view.totalMatches(), view.points(), view.level(), view.rank(), view.winRate(),
                    view.lastMatchAt(), view.formulaVersion());
        }
    }

    @Serdeable
    @Schema(name = "LeaderboardResponse")
    record LeaderboardResponse(String by, List<Entry> entries, @Nullable String nextCursor) {

        @Serdeable
        @Schema(name = "LeaderboardEntry")
        record Entry(long rank, PlayerStatsResponse player) {
        }

        static LeaderboardResponse of(LeaderboardView view) {
            return new LeaderboardResponse(view.by(), view.entries().stream()
                    .map(entry -> new Entry(entry.rank(), PlayerStatsResponse.of(entry.player()))).toList(),
                    view.nextCursor());
        }
    }
}

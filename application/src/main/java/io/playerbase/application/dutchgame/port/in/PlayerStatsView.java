package io.playerbase.application.dutchgame.port.in;

import io.playerbase.domain.dutchgame.Standing;

import java.time.Instant;

/** A player's public Dutch stats: no personal data, no coins. */
public record PlayerStatsView(String userId, String username, boolean isCompPlayer, long wins, long losses,
                              long totalMatches, long points, int level, String rank, double winRate,
                              Instant lastMatchAt, int formulaVersion) {

    public static PlayerStatsView of(Standing standing) {
        var s = standing.stats();
        return new PlayerStatsView(standing.userId().value(), standing.username(), standing.compPlayer(), s.wins(),
                s.losses(), s.totalMatches(), s.points(), s.level(), s.rank(), s.winRate(), s.lastMatchAt(),
                s.formulaVersion());
    }
}

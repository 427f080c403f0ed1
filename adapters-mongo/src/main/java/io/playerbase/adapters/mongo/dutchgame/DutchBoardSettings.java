package io.playerbase.adapters.mongo.dutchgame;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code playerbase.dutch-game.*} settings the leaderboards' storage uses (defaults in
 * {@code application.yml}; docs/dutch-game.md, "Leaderboards at scale").
 *
 * @param minMatchesForWinRate matches a player needs before appearing on the win-rate board (the stats
 *                             write stamps {@code _board_win_rate} only for them)
 * @param rankingMarkEvery     the ranking pass marks every this many players of a board
 * @param rankingInterval      how often the ranking pass runs
 */
@ConfigurationProperties("playerbase.dutch-game")
record DutchBoardSettings(long minMatchesForWinRate, int rankingMarkEvery, Duration rankingInterval) {

    DutchBoardSettings {
        if (rankingMarkEvery < 1) {
            throw new IllegalArgumentException("playerbase.dutch-game.ranking-mark-every must be at least 1");
        }
        Objects.requireNonNull(rankingInterval,
                "playerbase.dutch-game.ranking-interval is not set (application.yml holds the defaults)");
    }
}

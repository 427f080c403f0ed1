package io.playerbase.application.dutchgame;

/**
 * Settings of the Dutch module, provided by the bootstrap from configuration
 * ({@code playerbase.dutch-game.*}).
 *
 * @param minMatchesForWinRate matches a player needs to appear on the win-rate leaderboard
 * @param maxPageSize          the largest leaderboard page (and around-radius × 2 + 1)
 */
public record DutchGameSettings(long minMatchesForWinRate, int maxPageSize) {

    public DutchGameSettings {
        if (minMatchesForWinRate < 0 || maxPageSize < 1) {
            throw new IllegalArgumentException("minMatchesForWinRate >= 0 and maxPageSize >= 1");
        }
    }
}

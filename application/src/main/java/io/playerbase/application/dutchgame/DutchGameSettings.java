package io.playerbase.application.dutchgame;

import io.playerbase.domain.shared.PageRequest;

/**
 * Settings of the Dutch module, provided by the bootstrap from configuration
 * ({@code playerbase.dutch-game.*}).
 *
 * @param minMatchesForWinRate matches a player needs to appear on the win-rate leaderboard
 * @param maxPageSize          the largest leaderboard page (and around-radius × 2 + 1), at most
 *                             {@link PageRequest#MAX_LIMIT} like every listing
 */
public record DutchGameSettings(long minMatchesForWinRate, int maxPageSize) {

    /** A leaderboard page unless asked otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    public DutchGameSettings {
        if (minMatchesForWinRate < 0 || maxPageSize < 1 || maxPageSize > PageRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("minMatchesForWinRate >= 0 and 1 <= maxPageSize <= "
                    + PageRequest.MAX_LIMIT);
        }
    }

    /** The leaderboard's page sizes: {@value #DEFAULT_PAGE_SIZE} (or the largest, if smaller) up to {@code maxPageSize}. */
    public PageRequest.Limits leaderboardPages() {
        return new PageRequest.Limits(Math.min(DEFAULT_PAGE_SIZE, maxPageSize), maxPageSize);
    }
}

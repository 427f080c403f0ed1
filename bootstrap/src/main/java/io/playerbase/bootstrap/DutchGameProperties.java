package io.playerbase.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code playerbase.dutch-game.*}; the defaults are in {@code application.yml}.
 *
 * @param minMatchesForWinRate matches a player needs before appearing on the win-rate leaderboard
 * @param maxPageSize          the largest leaderboard page
 * @param recoveryInterval     how often the recovery pass runs
 * @param recoveryMinAge       unfinished matches younger than this are left to the report still running them
 */
@ConfigurationProperties("playerbase.dutch-game")
record DutchGameProperties(long minMatchesForWinRate, int maxPageSize, Duration recoveryInterval, Duration recoveryMinAge) {
}

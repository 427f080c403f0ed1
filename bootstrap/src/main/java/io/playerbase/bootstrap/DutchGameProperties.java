package io.playerbase.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code playerbase.dutch-game.*} read by the Dutch services; the defaults are in {@code application.yml}. */
@ConfigurationProperties("playerbase.dutch-game")
record DutchGameProperties(long minMatchesForWinRate, int maxPageSize) {
}

package io.playerbase.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.playerbase.application.dutchgame.DutchGameSettings;
import jakarta.inject.Singleton;

/** Configuration of the Dutch module ({@code playerbase.dutch-game.*}). */
@Factory
final class DutchGameFactory {

    @Singleton
    DutchGameSettings dutchGameSettings(
            @Value("${playerbase.dutch-game.min-matches-for-win-rate:10}") long minMatchesForWinRate,
            @Value("${playerbase.dutch-game.max-page-size:100}") int maxPageSize) {
        return new DutchGameSettings(minMatchesForWinRate, maxPageSize);
    }
}

package io.playerbase.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.playerbase.application.dutchgame.DutchGameSettings;
import jakarta.inject.Singleton;

/** Configuration of the Dutch module ({@code playerbase.dutch-game.*}). */
@Factory
final class DutchGameFactory {

    @Singleton
    DutchGameSettings dutchGameSettings(DutchGameProperties properties) {
        return new DutchGameSettings(properties.minMatchesForWinRate(), properties.maxPageSize());
    }
}

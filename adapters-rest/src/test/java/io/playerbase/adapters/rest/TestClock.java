package io.playerbase.adapters.rest;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class TestClock {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

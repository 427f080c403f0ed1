package io.playerbase.adapters.rest.testing;

import io.micronaut.context.annotation.Factory;
import io.playerbase.application.idempotency.IdempotencySettings;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

@Factory
class TestClock {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** What bootstrap configures from playerbase.idempotency.* (24 h retention, 60 s lease). */
    @Singleton
    IdempotencySettings idempotencySettings() {
        return new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(60));
    }
}

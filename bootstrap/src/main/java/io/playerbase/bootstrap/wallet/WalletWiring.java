package io.playerbase.bootstrap.wallet;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.playerbase.application.idempotency.IdempotencySettings;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Configuration of the framework-free wallet and idempotency services. */
@Factory
final class WalletWiring {

    @Singleton
    IdempotencySettings idempotencySettings(@Value("${playerbase.idempotency.retention:24h}") Duration retention,
                                            @Value("${playerbase.idempotency.lease:60s}") Duration lease) {
        return new IdempotencySettings(retention, lease);
    }
}

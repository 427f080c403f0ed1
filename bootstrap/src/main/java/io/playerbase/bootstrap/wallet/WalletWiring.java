package io.playerbase.bootstrap.wallet;

import io.micronaut.context.annotation.Factory;
import io.playerbase.application.idempotency.IdempotencySettings;
import jakarta.inject.Singleton;

/** Configuration of the framework-free wallet and idempotency services. */
@Factory
final class WalletWiring {

    @Singleton
    IdempotencySettings idempotencySettings(IdempotencyProperties properties) {
        return new IdempotencySettings(properties.retention(), properties.lease());
    }
}

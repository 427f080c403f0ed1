package io.playerbase.bootstrap.wallet;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code playerbase.idempotency.*}; the defaults are in {@code application.yml}. */
@ConfigurationProperties("playerbase.idempotency")
public record IdempotencyProperties(Duration retention, Duration lease) {
}

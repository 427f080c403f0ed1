package io.playerbase.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code playerbase.passwords.*}: Argon2id cost and the bounded hashing pool (defaults in {@code application.yml}). */
@ConfigurationProperties("playerbase.passwords")
record PasswordSettings(int memoryKib, int iterations, int parallelism, int maxConcurrent, Duration acquireTimeout) {
}

package io.playerbase.adapters.rest.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code playerbase.auth.*} settings of the player tokens (defaults in {@code application.yml}).
 *
 * @param accessTokenLifetime  how long an access token authenticates requests
 * @param refreshTokenLifetime how long a refresh token can get new tokens
 */
@ConfigurationProperties("playerbase.auth")
record TokenSettings(Duration accessTokenLifetime, Duration refreshTokenLifetime) {

    TokenSettings {
        Objects.requireNonNull(accessTokenLifetime, "playerbase.auth.access-token-lifetime is not set (application.yml holds the defaults)");
        Objects.requireNonNull(refreshTokenLifetime, "playerbase.auth.refresh-token-lifetime is not set (application.yml holds the defaults)");
    }
}

package io.playerbase.adapters.rest.auth;

import io.micronaut.serde.annotation.Serdeable;

/** OAuth 2.0-style token pair (RFC 6749 §5.1 field names). */
@Serdeable
record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    static TokenResponse of(TokenService.Tokens tokens) {
        return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn());
    }
}

package io.playerbase.adapters.rest.auth;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/** A refresh token must never authenticate an API request: only {@code typ=access} tokens do. */
@Singleton
final class AccessTokenOnly implements GenericJwtClaimsValidator<HttpRequest<?>> {

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable HttpRequest<?> request) {
        return TokenService.ACCESS.equals(claims.get(TokenService.TYPE))
                && TokenService.ISSUER.equals(claims.get("iss"));
    }
}

package io.playerbase.adapters.rest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and checks the player tokens. Both are HS256 JWTs signed with the same key; the {@code typ}
 * claim keeps them apart: only {@code access} tokens authenticate requests ({@link AccessTokenOnly}),
 * only {@code refresh} tokens are accepted by the refresh endpoint. A refresh token carries the
 * account's credentials version, so a password change ends every earlier session.
 */
@Singleton
public final class TokenService {

    static final String ISSUER = "playerbase";
    static final String TYPE = "typ";
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    private final SignatureGeneratorConfiguration signature;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;

    TokenService(@Named("generator") SignatureGeneratorConfiguration signature, TokenSettings settings, Clock clock) {
        this.signature = signature;
        this.accessLifetime = settings.accessTokenLifetime();
        this.refreshLifetime = settings.refreshTokenLifetime();
        this.clock = clock;
    }

    public Tokens issue(Authenticated user) {
        Instant now = clock.instant();
        JWTClaimsSet access = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(user.userId().value())
                .claim(TYPE, ACCESS).claim("roles", user.roles())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(accessLifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWTClaimsSet refresh = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(user.userId().value())
                .claim(TYPE, REFRESH).claim("cv", user.credentialsVersion())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(refreshLifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return new Tokens(sign(access), sign(refresh), accessLifetime.toSeconds());
    }

    /** Checks signature, type and expiry of a refresh token; any failure is {@link AuthenticationFailed}. */
    public RefreshClaims readRefreshToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!signature.verify(jwt)
                    || !REFRESH.equals(claims.getClaim(TYPE))
                    || !ISSUER.equals(claims.getIssuer())
                    || expiry == null || !expiry.toInstant().isAfter(clock.instant())
                    || !(claims.getClaim("cv") instanceof Number version)) {
                throw new AuthenticationFailed();
            }
            return new RefreshClaims(new UserId(claims.getSubject()), version.intValue());
        } catch (ParseException | JOSEException | RuntimeException e) {
            if (e instanceof AuthenticationFailed failed) {
                throw failed;
            }
            throw new AuthenticationFailed();
        }
    }

    private String sign(JWTClaimsSet claims) {
        try {
            return signature.sign(claims).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Token signing failed", e);
        }
    }

    public record Tokens(String accessToken, String refreshToken, long expiresIn) {
    }

    public record RefreshClaims(UserId userId, int credentialsVersion) {
    }
}

package io.playerbase.adapters.stores.googleplay;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.Unavailable;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authenticates a Pub/Sub push: its {@code Authorization: Bearer} OIDC token must be RS256-signed by
 * a key of Google's JWKS, issued by Google, for our audience, as our push service account (verified
 * email), and not expired. Keys are cached for the JWKS answer's max-age (one hour if it gives none);
 * an unknown key id refetches them, at most once a minute, so forged ids cannot make us hammer Google.
 * Every failure is the same {@link AuthenticationFailed}; the reason goes to the log only.
 */
final class PubSubPushAuthenticator {

    private static final System.Logger LOG = System.getLogger(PubSubPushAuthenticator.class.getName());
    private static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration DEFAULT_KEYS_LIFETIME = Duration.ofHours(1);
    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
    private static final int MAX_TOKEN = 8 * 1024;

    private final GooglePlaySettings settings;
    private final HttpClient http;
    private final Clock clock;
    private Map<String, PublicKey> keys = Map.of();
    private Instant keysExpireAt = Instant.MIN;
    private Instant keysFetchedAt = Instant.MIN;

    PubSubPushAuthenticator(GooglePlaySettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    void authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw refused("no bearer token");
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(authorization.substring("Bearer ".length()), MAX_TOKEN);
        } catch (CompactJws.Malformed e) {
            throw refused("malformed token: " + e.getMessage());
        }
        if (!"RS256".equals(jws.algorithm())) {
            throw refused("algorithm " + jws.algorithm());
        }
        String kid = textOrNull(jws.header(), "kid");
        PublicKey key = kid == null ? null : key(kid);
        if (key == null || !signatureMatches(key, jws)) {
            throw refused("signature not made by a key of " + settings.jwksUrl());
        }
        JsonNode claims = jws.payload();
        Instant now = clock.instant();
        if (!ISSUERS.contains(textOrNull(claims, "iss"))) {
            throw refused("issuer " + textOrNull(claims, "iss"));
        }
        if (!settings.pushAudience().equals(textOrNull(claims, "aud"))) {
            throw refused("audience " + textOrNull(claims, "aud"));
        }
        if (!settings.pushServiceAccountEmail().equals(textOrNull(claims, "email"))
                || !(claims.path("email_verified").isBoolean() && claims.get("email_verified").asBoolean())) {
            throw refused("email " + textOrNull(claims, "email"));
        }
        Instant expiresAt = seconds(claims, "exp");
        Instant issuedAt = seconds(claims, "iat");
        if (expiresAt == null || !now.isBefore(expiresAt.plus(CLOCK_SKEW))) {
            throw refused("expired at " + expiresAt);
        }
        if (issuedAt != null && issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw refused("issued in the future at " + issuedAt);
        }
    }

    private synchronized PublicKey key(String kid) {
        Instant now = clock.instant();
        boolean stale = !now.isBefore(keysExpireAt);
        boolean unknown = !keys.containsKey(kid) && !now.isBefore(keysFetchedAt.plus(MIN_REFETCH_INTERVAL));
        if (stale || unknown) {
            fetchKeys(now);
        }
        return keys.get(kid);
    }

    private void fetchKeys(Instant now) {
        HttpRequest request = HttpRequest.newBuilder(settings.jwksUrl()).timeout(settings.timeout()).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("store-unavailable", "Google's signing keys cannot be fetched", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("store-unavailable", "interrupted while fetching Google's signing keys", e);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("store-unavailable", "Google's signing keys answered " + response.statusCode(), null);
        }
        Map<String, PublicKey> fetched = new HashMap<>();
        try {
            JsonNode list = CompactJws.object(response.body()).get("keys");
            if (list == null || !list.isArray()) {
                throw new CompactJws.Malformed("no keys");
            }
            for (JsonNode jwk : list) {
                if ("RSA".equals(textOrNull(jwk, "kty")) && textOrNull(jwk, "kid") != null) {
                    fetched.put(textOrNull(jwk, "kid"), rsaKey(jwk));
                }
            }
        } catch (CompactJws.Malformed | JsonFields.WrongType | GeneralSecurityException | IllegalArgumentException e) {
            throw new Unavailable("store-unavailable", "Google's signing keys cannot be read", e);
        }
        keys = Map.copyOf(fetched);
        keysFetchedAt = now;
        Matcher maxAge = MAX_AGE.matcher(response.headers().firstValue("Cache-Control").orElse(""));
        keysExpireAt = now.plus(maxAge.find() ? Duration.ofSeconds(Long.parseLong(maxAge.group(1))) : DEFAULT_KEYS_LIFETIME);
    }

    private static PublicKey rsaKey(JsonNode jwk) throws GeneralSecurityException {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, decoder.decode(textOrNull(jwk, "n"))), new BigInteger(1, decoder.decode(textOrNull(jwk, "e")))));
    }

    private static boolean signatureMatches(PublicKey key, CompactJws jws) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(jws.signingInput());
            return rs256.verify(jws.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String textOrNull(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Instant seconds(JsonNode claims, String field) {
        JsonNode value = claims.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    private static AuthenticationFailed refused(String why) {
        LOG.log(System.Logger.Level.INFO, "Google Play push refused: {0}", why);
        return new AuthenticationFailed();
    }
}

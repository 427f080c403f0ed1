package io.playerbase.adapters.stores.googleplay;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerbase.adapters.stores.CompactJws;
import io.playerbase.adapters.stores.JsonFields;
import io.playerbase.domain.shared.Unavailable;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth2 access tokens for the Developer API by the JWT bearer grant (RFC 7523): an RS256 assertion
 * signed with the service-account key, exchanged at the token endpoint. A token is reused until a
 * minute before it expires, so a purchase costs one API call, not two.
 */
final class GoogleAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/androidpublisher";
    private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final GooglePlaySettings settings;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    GoogleAccessTokens(GooglePlaySettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    synchronized String current() {
        if (token == null || !clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE_EXPIRY))) {
            grant();
        }
        return token;
    }

    /** The API refused {@code refused}: the next call gets a new one (unless another thread already did). */
    synchronized void forget(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    private void grant() {
        Instant now = clock.instant();
        String body = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion(now), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("store-unavailable", "Google's token endpoint cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("store-unavailable", "interrupted while asking Google for a token", e);
        }
        if (response.statusCode() != 200) {
            // 400/401 here means our key or its permissions are wrong: nothing a client can fix, so a 503.
            throw new Unavailable("store-unavailable", "Google's token endpoint answered " + response.statusCode()
                    + " to our service account " + settings.serviceAccount().clientEmail(), null);
        }
        try {
            JsonNode answer = CompactJws.object(response.body());
            String accessToken = JsonFields.text(answer, "access_token").filter(t -> !t.isEmpty())
                    .orElseThrow(() -> new JsonFields.WrongType("access_token", "a token"));
            long expiresIn = JsonFields.integer(answer, "expires_in").orElse(3600L);
            token = accessToken;
            expiresAt = now.plusSeconds(expiresIn);
        } catch (CompactJws.Malformed | JsonFields.WrongType e) {
            throw new Unavailable("store-unavailable", "Google's token endpoint gave an unreadable answer", e);
        }
    }

    private String assertion(Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (settings.serviceAccount().privateKeyId() != null) {
            header.put("kid", settings.serviceAccount().privateKeyId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.serviceAccount().clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", settings.tokenUrl().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        try {
            String input = base64Url(CompactJws.JSON.writeValueAsBytes(header)) + "." + base64Url(CompactJws.JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(settings.serviceAccount().privateKey());
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + base64Url(rs256.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the token assertion", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

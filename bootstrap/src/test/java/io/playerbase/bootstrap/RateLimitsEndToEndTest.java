package io.playerbase.bootstrap;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failed-log-in budget of one account, end to end: after it, even the right password waits (429). */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.rate-limits.failed-logins-per-account", value = "3/15m")
class RateLimitsEndToEndTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void tooManyFailedLogInsLockTheAccountForTheWindowWhicheverNameIsUsed() {
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", "kim@example.com", "username", "kim", "password", "correct horse battery")));
        // Failures alternate between the username and the email: they are one account's budget.
        for (String login : new String[]{"kim", "KIM@example.com", " Kim "}) {
            HttpClientResponseException wrong = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                    HttpRequest.POST("/api/v1/auth/login", Map.of("login", login, "password", "a wrong guess"))));
            assertEquals(HttpStatus.UNAUTHORIZED, wrong.getStatus());
        }
        HttpClientResponseException limited = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/api/v1/auth/login", Map.of("login", "kim@example.com", "password", "correct horse battery")),
                Argument.of(Map.class), Argument.of(Map.class)));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, limited.getStatus(), "even the right password waits");
        assertEquals("urn:playerbase:problem:too-many-requests", limited.getResponse().getBody(Map.class).orElseThrow().get("type"));
        assertTrue(Long.parseLong(limited.getResponse().getHeaders().get("Retry-After")) > 0);

        http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", "lee@example.com", "username", "lee", "password", "correct horse battery")));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", "lee", "password", "correct horse battery"))).getStatus(), "other accounts are not affected");
    }
}

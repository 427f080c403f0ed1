package io.playerbase.bootstrap.metrics;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.bootstrap.StaffAccounts;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator reads on /prometheus and /health after a few requests of each kind. */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class OperatorMetricsEndToEndTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    private int status(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    @Test
    void refusalsReplaysWalletOutcomesAndLatencyBucketsArePublished() {
        String name = "met" + UUID.randomUUID().toString().substring(0, 8);
        Map<?, ?> user = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", "correct horse battery")), Map.class);
        String admin = StaffAccounts.admin(context);
        String credits = "/api/v1/admin/users/" + user.get("id") + "/wallet/credits";
        for (int i = 0; i < 2; i++) {
            assertEquals(200, status(HttpRequest.POST(credits, Map.of("amount", 5, "reason", "goodwill"))
                    .bearerAuth(admin).header("Idempotency-Key", "metrics-" + name)));
        }
        assertEquals(422, status(HttpRequest.POST("/api/v1/admin/users/" + user.get("id") + "/wallet/debits",
                Map.of("amount", 500, "reason", "correction")).bearerAuth(admin).header("Idempotency-Key", "d-" + name)));
        assertEquals(401, status(HttpRequest.GET("/api/v1/users/me")));
        assertEquals(401, status(HttpRequest.GET("/api/v1/users/me").header("Authorization", "ApiKey nope.nope")));

        String prometheus = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
        assertTrue(prometheus.contains("playerbase_wallet_operations_total{kind=\"credit\",outcome=\"ok\"} 2.0"), prometheus);
        assertTrue(prometheus.contains("playerbase_wallet_operations_total{kind=\"debit\",outcome=\"insufficient-funds\"} 1.0"));
        assertTrue(prometheus.contains("playerbase_idempotency_replays_total{method=\"POST\",route=\"/api/v1/admin/users/{id}/wallet/credits\"} 1.0"),
                prometheus);
        assertTrue(prometheus.contains("playerbase_security_refusals_total{method=\"GET\",reason=\"missing-credentials\",route=\"/api/v1/users/me\"}"),
                "refused before any controller ran: " + prometheus.lines().filter(line -> line.contains("refusals")).toList());
        assertTrue(prometheus.contains("playerbase_security_refusals_total{method=\"GET\",reason=\"invalid-credentials\",route=\"/api/v1/users/me\"}"),
                "credentials that do not authenticate are told apart from none");
        assertTrue(prometheus.contains("http_server_requests_seconds_bucket{"), "histogram buckets for the latency alert");
        assertTrue(prometheus.contains("le=\"0.25\""), "the bounded bucket set");
        assertTrue(prometheus.contains("mongodb_driver_commands_seconds_bucket{"), "and for the database's commands");

        HttpResponse<Map> health = http.toBlocking().exchange(HttpRequest.GET("/health"), Map.class);
        Map<?, ?> details = (Map<?, ?>) health.body().get("details");
        assertFalse(details.keySet().stream().anyMatch(key -> key.toString().contains("discoveryClient")), details.toString());
        Map<?, ?> encryption = (Map<?, ?>) ((Map<?, ?>) details.get("encryption")).get("details");
        assertTrue(encryption.containsKey("pass") && encryption.containsKey("lastPass"), encryption.toString());
    }
}

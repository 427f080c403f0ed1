package io.playerbase.bootstrap.console;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's aggregates over real HTTP on a fresh embedded store (its own context, so every count
 * is known), the user search that keeps criteria out of URLs, and the console's response headers.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.iap.test-store.enabled", value = "true")
class DashboardEndToEndTest {

    private static final String PASSWORD = "dashboard password 2026";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ApplicationContext context;

    private Map<String, Object> json(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private String logIn(String login) {
        return (String) json(HttpRequest.POST("/api/v1/auth/login", Map.of("login", login, "password", PASSWORD))).get("access_token");
    }

    private String register(String name) {
        return (String) json(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD))).get("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void registrationsMatchesWalletVolumeAndPurchasesOfTheLastHoursAndDays() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String boss = "boss" + suffix;
        String adminId = context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(boss + "@example.com", boss,
                PASSWORD, "dashboard-test")).id();
        String admin = logIn(boss);
        // The other tests of this context add admins of their own, before or after this one.
        long registeredBefore = ((Number) json(HttpRequest.GET("/api/v1/admin/dashboard/registrations").bearerAuth(admin))
                .get("total")).longValue();
        String ann = register("ann" + suffix);
        String bob = register("bob" + suffix);
        String wallet = "/api/v1/admin/users/" + ann + "/wallet/";
        json(HttpRequest.POST(wallet + "credits", Map.of("amount", 300, "reason", "goodwill")).bearerAuth(admin).header("Idempotency-Key", "c1"));
        Map<String, Object> debit = json(HttpRequest.POST(wallet + "debits", Map.of("amount", 100, "reason", "correction"))
                .bearerAuth(admin).header("Idempotency-Key", "d1"));
        json(HttpRequest.POST(wallet + "reversals", Map.of("operation_id", debit.get("operation_id"), "reason", "mistake"))
                .bearerAuth(admin).header("Idempotency-Key", "r1"));
        String key = context.getBean(CreateApiKeyUseCase.class).create(new CreateApiKeyUseCase.Command("dashboard-gs",
                List.of("matches:write"), Actor.staff(new UserId(adminId), Actor.ActorRole.ADMIN, "dashboard-test"))).token();
        Instant ended = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        json(HttpRequest.POST("/api/v1/games/dutch/matches", Map.of("match_id", "m-" + suffix,
                "started_at", ended.minusSeconds(600).toString(), "ended_at", ended.toString(), "players", List.of(
                        Map.of("user_id", ann, "result", "win", "points", 10, "coins_delta", 5),
                        Map.of("user_id", bob, "result", "loss", "points", 0, "coins_delta", -5)))).header("Authorization", "ApiKey " + key));

        String product = "coins_" + suffix;
        json(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", product, "title", "50 coins", "kind", "credits_pack",
                "credits", 50, "skus", Map.of("test", product))).bearerAuth(admin));
        String annToken = logIn("ann" + suffix);
        for (int i = 0; i < 2; i++) {
            String receipt = (String) json(HttpRequest.POST("/api/v1/admin/store/test-receipts", Map.of("product_id", product))
                    .bearerAuth(admin)).get("receipt");
            Map<String, Object> bought = json(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "test", "receipt", receipt))
                    .bearerAuth(annToken).header("Idempotency-Key", "buy-" + i));
            if (i == 0) {
                json(HttpRequest.POST("/api/v1/admin/purchases/" + bought.get("id") + "/refund", Map.of("reason", "support"))
                        .bearerAuth(admin).header("Idempotency-Key", "refund-" + i));
            }
        }

        Map<String, Object> registrations = json(HttpRequest.GET("/api/v1/admin/dashboard/registrations").bearerAuth(admin));
        assertEquals("hour", registrations.get("granularity"));
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) registrations.get("buckets");
        assertEquals(48, buckets.size());
        assertEquals(registeredBefore + 2, ((Number) registrations.get("total")).longValue(), "ann and bob; computer players left out");
        assertEquals(registeredBefore + 2, buckets.stream().mapToLong(bucket -> ((Number) bucket.get("count")).longValue()).sum());
        assertEquals(true, registrations.get("complete"));

        Map<String, Object> matches = json(HttpRequest.GET("/api/v1/admin/dashboard/matches?granularity=day").bearerAuth(admin));
        assertEquals(30, ((List<?>) matches.get("buckets")).size());
        assertEquals(1, ((Number) matches.get("total")).intValue());

        Map<String, Object> purchases = json(HttpRequest.GET("/api/v1/admin/dashboard/purchases?granularity=day").bearerAuth(admin));
        assertEquals(30, ((List<?>) purchases.get("buckets")).size());
        assertEquals(2, ((Number) purchases.get("total")).intValue(), "the refunded purchase counts: it was bought");
        assertEquals(2, ((Number) ((List<Map<String, Object>>) purchases.get("buckets")).getLast().get("count")).intValue());

        Map<String, Object> volume = json(HttpRequest.GET("/api/v1/admin/dashboard/wallet-volume").bearerAuth(admin));
        // The three staff movements, the two purchase grants and the refund's debit.
        assertEquals(6, ((Number) volume.get("transactions")).intValue());
        Map<String, Object> credits = ((List<Map<String, Object>>) volume.get("currencies")).getFirst();
        assertEquals("CREDITS", credits.get("currency"));
        Map<String, Object> hour = ((List<Map<String, Object>>) credits.get("buckets")).getLast();
        assertEquals(400 + 100, ((Number) hour.get("credited")).intValue(), "the credit, the reversal of the debit, two grants");
        assertEquals(100 + 50, ((Number) hour.get("debited")).intValue(), "the debit and the refund");

        Map<String, Object> found = json(HttpRequest.POST("/api/v1/admin/users/search", Map.of("email", "ANN" + suffix + "@example.com"))
                .bearerAuth(admin));
        assertEquals(List.of(ann), ((List<Map<String, Object>>) found.get("items")).stream().map(user -> user.get("id")).toList());
    }

    @Test
    void badWindowsAreProblemsNamingTheField() {
        String boss = "boss" + UUID.randomUUID().toString().substring(0, 6);
        context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(boss + "@example.com", boss, PASSWORD, "dashboard-test"));
        String admin = logIn(boss);
        for (String query : List.of("granularity=week", "granularity=hour&from=2026-11-01T00:00:00Z&to=2026-11-08T01:00:00Z",
                "from=2026-11-01T00:00:00Z", "from=2026-11-01&to=2026-11-02", "granularity=HOUR")) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(HttpRequest.GET("/api/v1/admin/dashboard/registrations?" + query).bearerAuth(admin), Argument.STRING, Argument.STRING));
            assertEquals(400, refused.getStatus().getCode(), query);
            String body = refused.getResponse().getBody(String.class).orElseThrow();
            assertTrue(body.contains("urn:playerbase:problem:invalid-value") && body.contains("\"errors\""), query + ": " + body);
        }
        HttpClientResponseException unknown = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/api/v1/admin/users/search", Map.of("mail", "x@example.com")).bearerAuth(admin)));
        assertEquals(400, unknown.getStatus().getCode(), "an unknown criterion is refused, never ignored");
    }

    @Test
    void theConsoleIsServedWithAStrictPolicyAndCacheHeaders() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/console/"), String.class);
        String policy = page.header("Content-Security-Policy");
        assertNotNull(policy);
        assertTrue(policy.contains("script-src 'self'") && policy.contains("style-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("no-cache", page.header("Cache-Control"), "revalidated, so a new release shows at once");
        String lastModified = page.header("Last-Modified");
        assertNotNull(lastModified);
        assertTrue(page.body().contains("<script type=\"module\" src=\"/console/js/main.js\"></script>"));

        HttpResponse<String> again = http.toBlocking().exchange(HttpRequest.GET("/console/js/main.js").header("If-Modified-Since", lastModified),
                String.class);
        assertEquals(304, again.getStatus().getCode());

        HttpResponse<String> vendor = http.toBlocking().exchange(HttpRequest.GET("/console/vendor/uplot/1.6.30/dist/uPlot.esm.js"), String.class);
        assertEquals("public, max-age=31536000, immutable", vendor.header("Cache-Control"));
        assertTrue(vendor.body().contains("uPlot"));
    }
}

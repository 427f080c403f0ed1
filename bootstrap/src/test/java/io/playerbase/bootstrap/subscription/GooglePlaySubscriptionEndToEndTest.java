package io.playerbase.bootstrap.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.adapters.stores.googleplay.GooglePlayFake;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A premium subscription bought through Google Play over real HTTP, against the local fake of Google's
 * API: the client's purchase token, then real-time developer notifications pushed with OIDC tokens
 * signed by the fake's key, each one re-read from {@code subscriptionsv2} as the source of truth, with
 * the service's clock moved between them. Premium is checked at every step.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GooglePlaySubscriptionEndToEndTest implements TestPropertyProvider {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration MONTH = Duration.ofDays(30);
    private static final GooglePlayFake GOOGLE = GooglePlayFake.start();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ApplicationContext context;
    @Inject
    SettableClock clock;
    @Inject
    TokenService tokens;

    private String sku;
    private UserId admin;
    private String gameServer;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path keyFile = Files.createTempFile("play-key", ".json");
            Files.writeString(keyFile, GOOGLE.serviceAccountKeyJson());
            Map<String, String> properties = new HashMap<>();
            properties.put("playerbase.embedded.data-dir", ":memory:");
            properties.put("playerbase.embedded.port", "0");
            properties.put("playerbase.test.settable-clock", "true");
            properties.put("playerbase.iap.google.package-name", GooglePlayFake.PACKAGE);
            properties.put("playerbase.iap.google.service-account-key-file", keyFile.toString());
            properties.put("playerbase.iap.google.api-base-url", GOOGLE.baseUrl().toString());
            properties.put("playerbase.iap.google.push-audience", GooglePlayFake.PUSH_AUDIENCE);
            properties.put("playerbase.iap.google.push-service-account-email", GooglePlayFake.PUSH_EMAIL);
            properties.put("playerbase.iap.google.jwks-url", GOOGLE.jwksUrl().toString());
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopGoogle() {
        GOOGLE.close();
    }

    @BeforeAll
    void catalog() {
        String name = "boss" + UUID.randomUUID().toString().substring(0, 6);
        admin = new UserId(context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(name + "@example.com",
                name, PASSWORD, "setup")).id());
        gameServer = "ApiKey " + context.getBean(CreateApiKeyUseCase.class).create(new CreateApiKeyUseCase.Command("gs-" + name,
                List.of("users:read"), Actor.staff(admin, Actor.ActorRole.ADMIN, "setup"))).token();
        sku = "premium_" + name;
        body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", sku, "title", "Premium", "kind", "subscription",
                "entitlement", "premium", "period", "P1M", "credits", 50, "skus", Map.of("google_play", sku)))
                .bearerAuth(tokens.issue(new Authenticated(admin, List.of("player", "admin"), 0)).accessToken()));
    }

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private String token(UserId player) {
        return tokens.issue(new Authenticated(player, List.of("player"), 0)).accessToken();
    }

    private UserId player() {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        return new UserId((String) body(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD))).get("id"));
    }

    private Map<String, Object> mine(UserId player) {
        return body(HttpRequest.GET("/api/v1/users/me/subscription").bearerAuth(token(player)));
    }

    private long balance(UserId player) {
        return ((Number) body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(token(player))).get("balance")).longValue();
    }

    private void assertStep(String step, UserId player, String status, boolean premium) {
        Map<String, Object> view = mine(player);
        assertEquals(status, view.get("status"), step + ": " + view);
        assertEquals(premium, view.get("premium"), step + ": " + view);
        assertEquals(premium, body(HttpRequest.GET("/api/v1/users/" + player.value()).header("Authorization", gameServer))
                .get("premium"), step + ": as a game server sees it");
    }

    /** Pushes a developer notification as Pub/Sub does, its OIDC token signed at the service's now. */
    private String push(String part, Map<String, Object> fields) {
        Map<String, Object> notification = GooglePlayFake.developerNotification(clock.instant(), part, fields);
        String body = GooglePlayFake.pushBody(UUID.randomUUID().toString(), notification);
        return (String) body(HttpRequest.POST("/api/v1/stores/google-play/notifications", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Authorization", GOOGLE.pushAuthorization(GooglePlayFake.pushClaims(clock.instant())))).get("outcome");
    }

    private String subscriptionEvent(int type, String token) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("notificationType", type);
        fields.put("purchaseToken", token);
        fields.put("subscriptionId", sku);
        return push("subscriptionNotification", fields);
    }

    /** Google's answer for the token now: state, expiry, auto-renewal and the order that paid the period. */
    private static void googleSays(ObjectNode subscription, String state, Instant expiry, boolean autoRenew, String order) {
        subscription.put("subscriptionState", "SUBSCRIPTION_STATE_" + state);
        ObjectNode item = (ObjectNode) subscription.get("lineItems").get(0);
        item.put("expiryTime", expiry.toString());
        ((ObjectNode) item.get("autoRenewingPlan")).put("autoRenewEnabled", autoRenew);
        item.put("latestSuccessfulOrderId", order);
        subscription.put("latestOrderId", order);
    }

    @Test
    void subscribeRenewTwiceFailIntoGraceRecoverCancelExpireRefundAndRevoke() {
        String token = "tok-" + UUID.randomUUID();
        String order = "GPA.3" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = clock.instant();
        ObjectNode google = GOOGLE.addSubscription(sku, token, order + "..0", start.plus(MONTH));
        UserId ann = player();
        Map<String, Object> purchase = body(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "google_play", "sku", sku,
                "purchase_token", token)).bearerAuth(token(ann)).header("Idempotency-Key", "buy-" + token));
        assertEquals("recorded", purchase.get("status"));
        assertTrue(GOOGLE.acknowledgements().contains("subscription:" + sku + ":" + token), "acknowledged to Google");
        assertStep("subscribed", ann, "active", true);
        assertEquals(50, balance(ann));

        Instant end1 = start.plus(MONTH);
        clock.set(end1.plusSeconds(5));
        googleSays(google, "ACTIVE", end1.plus(MONTH), true, order + "..1");
        assertEquals("subscription:active", subscriptionEvent(2, token));
        Instant end2 = end1.plus(MONTH);
        clock.set(end2.plusSeconds(5));
        googleSays(google, "ACTIVE", end2.plus(MONTH), true, order + "..2");
        subscriptionEvent(2, token);
        assertStep("renewed twice", ann, "active", true);
        assertEquals(150, balance(ann));

        Instant end3 = end2.plus(MONTH);
        clock.set(end3.plusSeconds(5));
        googleSays(google, "IN_GRACE_PERIOD", end3.plus(Duration.ofDays(7)), true, order + "..2");
        assertEquals("subscription:grace", subscriptionEvent(6, token));
        assertStep("in grace", ann, "grace", true);
        assertEquals(end3.plus(Duration.ofDays(7)).toString(), mine(ann).get("grace_until"));

        clock.set(end3.plus(Duration.ofDays(2)));
        Instant end4 = end3.plus(Duration.ofDays(2)).plus(MONTH);
        googleSays(google, "ACTIVE", end4, true, order + "..3");
        assertEquals("subscription:active", subscriptionEvent(1, token));
        assertStep("recovered", ann, "active", true);
        assertEquals(200, balance(ann));

        clock.advance(Duration.ofDays(1));
        googleSays(google, "CANCELED", end4, false, order + "..3");
        subscriptionEvent(3, token);
        assertStep("cancelled", ann, "cancelled", true);
        assertEquals(false, mine(ann).get("auto_renew"));

        clock.set(end4.minusMillis(1));
        assertStep("the last millisecond", ann, "cancelled", true);
        clock.set(end4.plusSeconds(1));
        assertStep("expired by the clock", ann, "expired", false);
        googleSays(google, "EXPIRED", end4, false, order + "..3");
        assertEquals("subscription:expired", subscriptionEvent(13, token));
        assertStep("expired by Google", ann, "expired", false);

        // Re-subscribing in the Play Store makes a new token that links to the old one: the same subscription.
        String renewed = "tok-" + UUID.randomUUID();
        Instant back = end4.plus(Duration.ofDays(5));
        clock.set(back);
        ObjectNode again = GOOGLE.addSubscription(sku, renewed, order + "-b..0", back.plus(MONTH));
        again.put("linkedPurchaseToken", token);
        assertEquals("subscription:active", subscriptionEvent(4, renewed));
        assertStep("resubscribed on a new token", ann, "active", true);
        assertEquals(250, balance(ann));

        clock.advance(Duration.ofDays(1));
        Map<String, Object> voided = new LinkedHashMap<>();
        voided.put("purchaseToken", renewed);
        voided.put("orderId", order + "-b..0");
        voided.put("productType", 1);
        voided.put("refundType", 1);
        push("voidedPurchaseNotification", voided);
        assertStep("refunded without revocation: Google keeps it running", ann, "active", true);
        assertEquals(200, balance(ann), "the voided order's credits went back");

        clock.advance(Duration.ofDays(1));
        googleSays(again, "EXPIRED", back.plus(MONTH), false, order + "-b..0");
        assertEquals("ignored:unknown-purchase+subscription:expired", subscriptionEvent(12, renewed),
                "no purchase record of that order here (nobody claimed the new token); the subscription is revoked");
        assertStep("revoked", ann, "expired", false);
        assertEquals(200, balance(ann), "a period refunded once stays refunded once");

        Map<String, Object> details = body(HttpRequest.GET("/api/v1/admin/users/" + ann.value() + "/subscription")
                .bearerAuth(tokens.issue(new Authenticated(admin, List.of("player", "admin"), 0)).accessToken()));
        List<Map<String, Object>> subscriptions = (List<Map<String, Object>>) details.get("subscriptions");
        assertEquals(1, subscriptions.size(), "one subscription per token chain");
        assertEquals("google_play:" + token, subscriptions.get(0).get("id"));
        assertEquals("revoke", subscriptions.get(0).get("revocation_reason"));
        List<Map<String, Object>> history = (List<Map<String, Object>>) subscriptions.get(0).get("history");
        assertEquals("SUBSCRIPTION_REVOKED", history.get(0).get("event"));
        assertTrue(history.stream().anyMatch(h -> "SUBSCRIPTION_IN_GRACE_PERIOD".equals(h.get("event"))));
    }
}

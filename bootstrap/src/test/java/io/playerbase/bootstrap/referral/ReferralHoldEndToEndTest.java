package io.playerbase.bootstrap.referral;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.application.referral.port.in.RecoverReferralsUseCase;
import io.playerbase.bootstrap.StaffAccounts;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A purchase's rewards wait for the hold period, and a refund within it cancels them (docs/referrals.md),
 * over real HTTP: the admin refund runs the purchase module's refund, whose hook cancels the referral.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.iap.test-store.enabled", value = "true")
@Property(name = "playerbase.referrals.purchase-hold", value = "1h")
@Property(name = "playerbase.referrals.qualify-on", value = "purchase")
class ReferralHoldEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ApplicationContext context;
    @Inject
    RecoverReferralsUseCase recovery;

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private String[] register(String code) {
        String name = "h" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> registration = code == null
                ? Map.of("email", name + "@example.com", "username", name, "password", PASSWORD)
                : Map.of("email", name + "@example.com", "username", name, "password", PASSWORD, "referral_code", code);
        String id = (String) body(HttpRequest.POST("/api/v1/auth/register", registration)).get("id");
        String token = (String) body(HttpRequest.POST("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))).get("access_token");
        return new String[]{id, token};
    }

    private Map<String, Object> referredBy(String token) {
        return (Map<String, Object>) body(HttpRequest.GET("/api/v1/users/me/referrals").bearerAuth(token)).get("referred_by");
    }

    private long balance(String token) {
        return ((Number) body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(token)).get("balance")).longValue();
    }

    @Test
    void aRefundWithinTheHoldCancelsTheRewardsBeforeAnyIsPaid() {
        String admin = StaffAccounts.admin(context);
        String[] ann = register(null);
        String code = (String) body(HttpRequest.GET("/api/v1/users/me/referrals").bearerAuth(ann[1])).get("referral_code");
        String[] bob = register(code);
        String productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
        body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", productId, "title", "Coins", "kind", "credits_pack",
                "credits", 300, "skus", Map.of("test", productId))).bearerAuth(admin));
        String receipt = (String) body(HttpRequest.POST("/api/v1/admin/store/test-receipts", Map.of("product_id", productId))
                .bearerAuth(admin)).get("receipt");
        String purchase = (String) body(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "test", "receipt", receipt))
                .bearerAuth(bob[1]).header("Idempotency-Key", "hold-" + UUID.randomUUID())).get("id");

        Map<String, Object> held = referredBy(bob[1]);
        assertEquals("qualified", held.get("state"));
        assertEquals("purchase", held.get("qualified_by"));
        recovery.recover();
        assertEquals(0, balance(ann[1]), "held for an hour");
        assertEquals(300, balance(bob[1]));

        body(HttpRequest.POST("/api/v1/admin/purchases/" + purchase + "/refund", Map.of("reason", "chargeback"))
                .bearerAuth(admin).header("Idempotency-Key", "refund-" + UUID.randomUUID()));
        Map<String, Object> cancelled = referredBy(bob[1]);
        assertEquals("cancelled", cancelled.get("state"));
        assertNotNull(cancelled.get("closed_at"));
        assertEquals(0, balance(ann[1]));
        assertEquals(0, balance(bob[1]), "the purchase's credits went back; no reward was ever paid");
        Map<String, Object> staff = body(HttpRequest.GET("/api/v1/admin/users/" + bob[0] + "/referrals").bearerAuth(admin));
        assertEquals("purchase-refunded", ((Map<?, ?>) staff.get("referred_by")).get("close_reason"));
    }
}

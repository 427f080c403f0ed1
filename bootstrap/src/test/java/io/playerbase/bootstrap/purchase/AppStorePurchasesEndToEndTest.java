package io.playerbase.bootstrap.purchase;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.playerbase.adapters.stores.appstore.AppStoreTestSigner;
import io.playerbase.bootstrap.StaffAccounts;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A credits pack bought through the App Store adapter over real HTTP (Apple's published test chain
 * configured as a root), replayed, then refunded by a signed App Store Server Notification.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppStorePurchasesEndToEndTest implements TestPropertyProvider {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ApplicationContext context;

    private final AppStoreTestSigner apple = AppStoreTestSigner.appleTestChain();

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("apple-roots");
            Map<String, String> properties = new HashMap<>();
            properties.put("playerbase.embedded.data-dir", ":memory:");
            properties.put("playerbase.embedded.port", "0");
            properties.put("playerbase.iap.apple.bundle-id", AppStoreTestSigner.BUNDLE_ID);
            properties.put("playerbase.iap.apple.environments", "Sandbox");
            properties.put("playerbase.iap.apple.root-certificates", AppStoreTestSigner.writeAppleTestRoot(dir).toString());
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    @Test
    void buyReplayAndRefundThroughTheAppStore() {
        String admin = StaffAccounts.admin(context);
        String productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
        String sku = "com.example." + productId;
        body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", productId, "title", "500 coins",
                "kind", "credits_pack", "credits", 500, "skus", Map.of("app_store", sku))).bearerAuth(admin));
        String name = "a" + UUID.randomUUID().toString().substring(0, 8);
        body(HttpRequest.POST("/api/v1/auth/register", Map.of("email", name + "@example.com", "username", name,
                "password", PASSWORD)));
        String token = (String) body(HttpRequest.POST("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD)))
                .get("access_token");

        String transactionId = "2000" + (System.nanoTime() % 1_000_000_000L);
        Map<String, Object> transaction = AppStoreTestSigner.transaction(transactionId, sku);
        String signed = apple.sign(transaction);
        Map<String, Object> proof = Map.of("store", "app_store", "signed_transaction", signed);
        Map<String, Object> purchase = body(HttpRequest.POST("/api/v1/users/me/purchases", proof).bearerAuth(token)
                .header("Idempotency-Key", "apple-1"));
        assertEquals("granted", purchase.get("status"));
        assertEquals(transactionId, purchase.get("store_transaction_id"));
        assertEquals("Sandbox", purchase.get("environment"));
        assertEquals(purchase.get("id"), body(HttpRequest.POST("/api/v1/users/me/purchases", proof).bearerAuth(token)
                .header("Idempotency-Key", "apple-2")).get("id"));
        assertEquals(500, body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(token)).get("balance"));

        String rogue = AppStoreTestSigner.rogueChain().sign(AppStoreTestSigner.transaction(transactionId + "1", sku));
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "app_store",
                        "signed_transaction", rogue)).bearerAuth(token).header("Idempotency-Key", "apple-rogue")));
        assertEquals(422, refused.getStatus().getCode());

        Map<String, Object> revoked = new HashMap<>(transaction);
        revoked.put("revocationDate", AppStoreTestSigner.SIGNED_AT.toEpochMilli());
        revoked.put("revocationReason", 0);
        String notification = AppStoreTestSigner.notificationBody(apple.sign(AppStoreTestSigner.notification(
                "uuid-" + transactionId, "REFUND", null, Map.of("signedTransactionInfo", apple.sign(revoked)))));
        HttpRequest<String> refund = HttpRequest.POST("/api/v1/stores/app-store/notifications", notification)
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        assertEquals("refunded", body(refund).get("outcome"));
        assertEquals("already-processed", body(refund).get("outcome"));
        String unknown = AppStoreTestSigner.notificationBody(apple.sign(AppStoreTestSigner.notification(
                "uuid-new-" + transactionId, "SOMETHING_NEW", null, Map.of())));
        assertEquals("ignored:unknown-type", body(HttpRequest.POST("/api/v1/stores/app-store/notifications", unknown)
                .contentType(MediaType.APPLICATION_JSON_TYPE)).get("outcome"));

        assertEquals(0, body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(token)).get("balance"));
        List<Map<String, Object>> mine = (List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/users/me/purchases")
                .bearerAuth(token)).get("items");
        assertEquals("refunded", mine.get(0).get("status"));
        assertEquals("app_store", mine.get(0).get("refunded_by"));
        assertTrue(mine.get(0).get("refund_reason").toString().startsWith("refund"));
    }
}

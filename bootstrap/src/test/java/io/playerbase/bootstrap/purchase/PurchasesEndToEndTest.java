package io.playerbase.bootstrap.purchase;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.bootstrap.StaffAccounts;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-app purchases over real HTTP through the test store, on the embedded in-memory store: the
 * catalog, buying, replaying, racing, refunding, and bad input that writes nothing.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.iap.test-store.enabled", value = "true")
class PurchasesEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;
    @Inject
    ApplicationContext context;

    private String admin;
    private String support;
    private String productId;

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private HttpClientResponseException refused(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, String.class));
    }

    private static String problemType(HttpClientResponseException e) {
        return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("type").toString();
    }

    private record Player(String id, String token) {
    }

    private Player player() {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        String id = (String) body(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD))).get("id");
        String token = (String) body(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", name, "password", PASSWORD))).get("access_token");
        return new Player(id, token);
    }

    private String mint() {
        return (String) body(HttpRequest.POST("/api/v1/admin/store/test-receipts", Map.of("product_id", productId))
                .bearerAuth(admin)).get("receipt");
    }

    private static MutableHttpRequest<?> buy(Player player, Map<String, Object> proof, String key) {
        return HttpRequest.POST("/api/v1/users/me/purchases", proof).bearerAuth(player.token())
                .header("Idempotency-Key", key);
    }

    private static Map<String, Object> testReceipt(String receipt) {
        return Map.of("store", "test", "receipt", receipt);
    }

    private long balance(Player player) {
        return ((Number) body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(player.token())).get("balance")).longValue();
    }

    private long ledgerEntries(Player player) {
        return database.getCollection("wallet_transactions").countDocuments(Filters.eq("user_id", new ObjectId(player.id())));
    }

    @BeforeEach
    void catalog() {
        admin = StaffAccounts.admin(context);
        support = StaffAccounts.support(context);
        productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<Map> created = http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/products", Map.of(
                "product_id", productId, "title", "500 coins", "kind", "credits_pack", "credits", 500,
                "skus", Map.of("app_store", "com.example." + productId, "google_play", productId, "test", productId)))
                .bearerAuth(admin), Map.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
    }

    @Test
    void aPlayerBuysACreditsPackOnceHoweverOftenTheRequestIsSent() {
        List<Map<String, Object>> onSale = (List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/store/products?limit=200"))
                .get("items");
        assertTrue(onSale.stream().anyMatch(p -> productId.equals(p.get("product_id"))));

        Player ann = player();
        String receipt = mint();
        HttpResponse<String> first = http.toBlocking().exchange(buy(ann, testReceipt(receipt), "buy-1"), String.class);
        Map<String, Object> purchase = body(buy(ann, testReceipt(receipt), "buy-2"));
        HttpResponse<String> replay = http.toBlocking().exchange(buy(ann, testReceipt(receipt), "buy-1"), String.class);

        assertEquals(HttpStatus.OK, first.getStatus());
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        assertEquals("granted", purchase.get("status"));
        assertEquals(productId, purchase.get("product_id"));
        assertEquals(500, purchase.get("credits"));
        assertEquals(500, balance(ann));
        assertEquals(1, ledgerEntries(ann));

        Map<String, Object> mine = body(HttpRequest.GET("/api/v1/users/me/purchases").bearerAuth(ann.token()));
        assertEquals(1, ((List<?>) mine.get("items")).size());
        assertEquals(purchase.get("id"), body(HttpRequest.GET("/api/v1/admin/purchases/" + purchase.get("id"))
                .bearerAuth(support)).get("id"));
        assertEquals(1, ((List<?>) body(HttpRequest.GET("/api/v1/admin/users/" + ann.id() + "/purchases")
                .bearerAuth(support)).get("items")).size());

        Document iap = database.getCollection("users").find(Filters.eq("_id", new ObjectId(ann.id()))).first()
                .get("modules", Document.class).get("in_app_purchases", Document.class);
        assertEquals(1, ((Number) iap.get("total_purchases")).intValue());
        assertTrue(iap.get("last_purchase_at") instanceof Date);
        Document stored = database.getCollection("user_purchases").find(Filters.eq("user_id", new ObjectId(ann.id()))).first();
        assertFalse(stored.toJson().contains(receipt), "the client's receipt is never stored");
        List<String> audit = ((List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/admin/users/" + ann.id() + "/audit")
                .bearerAuth(support)).get("items")).stream().map(e -> (String) e.get("action")).toList();
        assertTrue(audit.containsAll(List.of("purchase.verified", "purchase.granted", "wallet.purchase_granted")), audit.toString());
        String metrics = http.toBlocking().retrieve("/prometheus");
        assertTrue(metrics.contains("playerbase_purchases_verified_total{store=\"test\"}"), "verified counter");
    }

    @Test
    void sixteenConcurrentRequestsFromTwoPlayersGrantOnceToOne() throws Exception {
        Player ann = player();
        Player bob = player();
        String receipt = mint();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Player who = i % 2 == 0 ? ann : bob;
                String key = "race-" + i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    try {
                        return http.toBlocking().exchange(buy(who, testReceipt(receipt), key), String.class).code();
                    } catch (HttpClientResponseException e) {
                        return e.getStatus().getCode();
                    }
                }));
            }
            start.countDown();
            Map<Integer, Integer> seen = new HashMap<>();
            for (Future<Integer> status : statuses) {
                seen.merge(status.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 8, 409, 8), seen, "the owner's eight requests answer the purchase, the other's are refused");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(500, balance(ann) + balance(bob));
        assertEquals(1, ledgerEntries(ann) + ledgerEntries(bob));
        assertEquals(1, database.getCollection("user_purchases").countDocuments(Filters.eq("store_transaction_id",
                body(HttpRequest.GET("/api/v1/users/me/purchases").bearerAuth(balance(ann) == 500 ? ann.token() : bob.token()))
                        .get("items") instanceof List<?> items && !items.isEmpty()
                        ? ((Map<?, ?>) items.get(0)).get("store_transaction_id") : "none")));

        Player owner = balance(ann) == 500 ? ann : bob;
        Player other = owner == ann ? bob : ann;
        HttpClientResponseException claimed = refused(buy(other, testReceipt(receipt), "late"));
        assertEquals(409, claimed.getStatus().getCode());
        assertTrue(problemType(claimed).endsWith("purchase-already-claimed"));
        assertEquals(500, balance(owner));
    }

    @Test
    void anAdminRefundTakesTheCreditsBackOnceByTheDebtRule() {
        Player ann = player();
        Map<String, Object> purchase = body(buy(ann, testReceipt(mint()), "buy"));
        String refundPath = "/api/v1/admin/purchases/" + purchase.get("id") + "/refund";
        HttpClientResponseException noKey = refused(HttpRequest.POST(refundPath, Map.of("reason", "chargeback"))
                .bearerAuth(admin));
        assertEquals(400, noKey.getStatus().getCode());
        // The player spends 300 of the 500 first: the refund takes the 200 left and 300 remain owed.
        body(HttpRequest.POST("/api/v1/admin/users/" + ann.id() + "/wallet/debits",
                Map.of("amount", 300, "reason", "shop")).header("Idempotency-Key", "spend").bearerAuth(admin));

        HttpResponse<String> first = http.toBlocking().exchange(HttpRequest.POST(refundPath, Map.of("reason", "chargeback"))
                .header("Idempotency-Key", "refund-1").bearerAuth(admin), String.class);
        HttpResponse<String> replayed = http.toBlocking().exchange(HttpRequest.POST(refundPath, Map.of("reason", "chargeback"))
                .header("Idempotency-Key", "refund-1").bearerAuth(admin), String.class);
        assertEquals(first.body(), replayed.body());
        assertEquals("true", replayed.getHeaders().get("Idempotent-Replayed"));
        Map<String, Object> refunded = body(HttpRequest.GET("/api/v1/admin/purchases/" + purchase.get("id")).bearerAuth(support));
        Map<String, Object> again = body(HttpRequest.POST(refundPath, Map.of("reason", "chargeback"))
                .header("Idempotency-Key", "refund-2").bearerAuth(admin));
        assertEquals("refunded", refunded.get("status"));
        assertEquals("admin", refunded.get("refunded_by"));
        assertEquals(refunded.get("refunded_at"), again.get("refunded_at"));
        Map<String, Object> wallet = body(HttpRequest.GET("/api/v1/admin/users/" + ann.id() + "/wallet").bearerAuth(support));
        assertEquals(0, wallet.get("balance"));
        assertEquals(300, wallet.get("debt"));
        assertEquals(true, body(HttpRequest.GET("/api/v1/admin/users/" + ann.id() + "/wallet/reconcile")
                .bearerAuth(support)).get("consistent"));

        HttpClientResponseException spend = refused(HttpRequest.POST("/api/v1/admin/users/" + ann.id() + "/wallet/debits",
                Map.of("amount", 1, "reason", "shop")).header("Idempotency-Key", "spend-2").bearerAuth(admin));
        assertEquals(422, spend.getStatus().getCode());

        body(buy(ann, testReceipt(mint()), "buy-again"));
        wallet = body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(ann.token()));
        assertEquals(200, wallet.get("balance"), "the next 500 repay the 300 owed first");
        assertEquals(0, wallet.get("debt"));
    }

    @Test
    void badInputIsATypedProblemAndWritesNothing() {
        Player ann = player();
        String receipt = mint();
        String[] parts = receipt.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "A".repeat(43);
        List<Map<String, Object>> bodies = List.of(
                testReceipt("not a receipt"),
                testReceipt(forged),
                Map.of("store", "steam", "receipt", receipt),
                Map.of("store", "test", "receipt", receipt, "sku", productId),
                Map.of("store", "test"),
                Map.of("store", "test", "receipt", "x".repeat(3000)),
                Map.of("store", "app_store", "signed_transaction", "a.b.c"),
                Map.of("store", "google_play", "sku", productId, "purchase_token", "token"),
                Map.of("store", 7, "receipt", receipt));
        Map<Integer, String> expectations = Map.of(0, "receipt-malformed", 1, "receipt-invalid", 2, "store-unknown",
                6, "store-not-enabled", 7, "store-not-enabled");
        for (int i = 0; i < bodies.size(); i++) {
            HttpClientResponseException e = refused(buy(ann, bodies.get(i), "bad-" + i));
            int status = e.getStatus().getCode();
            assertTrue(status == 400 || status == 422, "body " + i + ": " + status);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            if (expectations.containsKey(i)) {
                assertTrue(problemType(e).endsWith(expectations.get(i)), "body " + i + ": " + problemType(e));
            }
        }
        assertEquals(0, balance(ann));
        assertEquals(0, ledgerEntries(ann));
        assertEquals(0, database.getCollection("user_purchases").countDocuments(Filters.eq("user_id", new ObjectId(ann.id()))));

        // Inactive product: refused, nothing granted; a receipt for a SKU the catalog lacks likewise.
        body(HttpRequest.POST("/api/v1/admin/products/" + productId + "/deactivate", "").bearerAuth(admin));
        HttpClientResponseException inactive = refused(buy(ann, testReceipt(receipt), "inactive"));
        assertEquals(422, inactive.getStatus().getCode());
        assertTrue(problemType(inactive).endsWith("product-inactive"));
        assertNull(database.getCollection("user_purchases").find(Filters.eq("user_id", new ObjectId(ann.id()))).first());
        assertEquals(0, balance(ann));

        HttpClientResponseException noProof = refused(HttpRequest.POST("/api/v1/users/me/purchases", "{\"store\":")
                .contentType("application/json").bearerAuth(ann.token()).header("Idempotency-Key", "broken"));
        assertEquals(400, noProof.getStatus().getCode());
    }

    @Test
    void theTestStoreIsRefusedOnADatabaseMarkedProductionWhateverTheFlagSays() {
        Player ann = player();
        String receipt = mint();
        var meta = database.getCollection("playerbase_meta");
        meta.insertOne(new Document("_id", "environment").append("value", "production").append("marked_at", new Date()));
        try {
            HttpClientResponseException claim = refused(buy(ann, testReceipt(receipt), "prod-1"));
            assertEquals(422, claim.getStatus().getCode());
            assertTrue(problemType(claim).endsWith("test-store-disabled"));
            HttpClientResponseException minting = refused(HttpRequest.POST("/api/v1/admin/store/test-receipts",
                    Map.of("product_id", productId)).bearerAuth(admin));
            assertEquals(422, minting.getStatus().getCode());
            assertTrue(problemType(minting).endsWith("test-store-disabled"));
        } finally {
            meta.deleteOne(Filters.eq("_id", "environment"));
        }
        assertEquals(0, balance(ann));
        assertEquals(0, database.getCollection("user_purchases").countDocuments(Filters.eq("user_id", new ObjectId(ann.id()))));
        assertEquals("granted", body(buy(ann, testReceipt(receipt), "prod-2")).get("status"), "the same receipt, off production");
    }

    @Test
    void theCatalogIsManagedByAdminsAndValidated() {
        HttpClientResponseException twice = refused(HttpRequest.POST("/api/v1/admin/products", Map.of(
                "product_id", productId, "title", "again", "kind", "credits_pack", "credits", 5,
                "skus", Map.of("test", "other_" + productId))).bearerAuth(admin));
        assertEquals(409, twice.getStatus().getCode());
        HttpClientResponseException invalid = refused(HttpRequest.POST("/api/v1/admin/products", Map.of(
                "product_id", "Bad Id", "title", "x", "kind", "credits_pack", "credits", 1.5,
                "skus", Map.of("test", "x"))).bearerAuth(admin));
        assertEquals(400, invalid.getStatus().getCode());
        HttpClientResponseException byPlayer = refused(HttpRequest.POST("/api/v1/admin/products", Map.of(
                "product_id", "p1", "title", "x", "kind", "credits_pack", "credits", 1, "skus", Map.of("test", "p1")))
                .bearerAuth(player().token()));
        assertEquals(403, byPlayer.getStatus().getCode());

        Map<String, Object> updated = body(HttpRequest.PUT("/api/v1/admin/products/" + productId, Map.of(
                "product_id", productId, "title", "600 coins", "kind", "credits_pack", "credits", 600,
                "skus", Map.of("test", productId))).bearerAuth(admin));
        assertEquals(600, updated.get("credits"));
        HttpClientResponseException kind = refused(HttpRequest.PUT("/api/v1/admin/products/" + productId, Map.of(
                "product_id", productId, "title", "Premium", "kind", "subscription", "entitlement", "premium",
                "period", "P1M", "skus", Map.of("test", productId))).bearerAuth(admin));
        assertEquals(422, kind.getStatus().getCode());
        assertEquals(false, body(HttpRequest.POST("/api/v1/admin/products/" + productId + "/deactivate", "")
                .bearerAuth(admin)).get("active"));
        List<Map<String, Object>> onSale = (List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/store/products?limit=200"))
                .get("items");
        assertTrue(onSale.stream().noneMatch(p -> productId.equals(p.get("product_id"))));
    }
}

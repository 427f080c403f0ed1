package io.playerbase.bootstrap.purchase;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.playerbase.bootstrap.StaffAccounts;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the purchase end-to-end tests do over HTTP: players, products, buying, the wallet and ledger
 * as the API and the database show them, and races of one proof sent many times at once.
 */
final class Shop {

    private static final String PASSWORD = "correct horse battery";

    record Player(String id, String token) {
    }

    private final HttpClient http;
    private final MongoDatabase database;
    final String admin;
    final String support;

    Shop(HttpClient http, MongoDatabase database, ApplicationContext context) {
        this.http = http;
        this.database = database;
        this.admin = StaffAccounts.admin(context);
        this.support = StaffAccounts.support(context);
    }

    Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    HttpClientResponseException refused(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, String.class));
    }

    /** A refusal with this status and problem type, as problem+json. */
    void refusedWith(int status, String type, HttpRequest<?> request) {
        HttpClientResponseException e = refused(request);
        assertEquals(status, e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        String actual = problemType(e);
        assertEquals("urn:playerbase:problem:" + type, actual);
    }

    static String problemType(HttpClientResponseException e) {
        return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("type").toString();
    }

    Player player() {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        String id = (String) body(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD))).get("id");
        String token = (String) body(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", name, "password", PASSWORD))).get("access_token");
        return new Player(id, token);
    }

    /** A credits pack of 500 sold under these SKUs (store wire name → SKU). */
    void creditsPack(String productId, Map<String, String> skus) {
        body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", productId, "title", "500 coins",
                "kind", "credits_pack", "credits", 500, "skus", skus)).bearerAuth(admin));
    }

    static MutableHttpRequest<?> buy(Player player, Map<String, Object> proof, String idempotencyKey) {
        return HttpRequest.POST("/api/v1/users/me/purchases", proof).bearerAuth(player.token())
                .header("Idempotency-Key", idempotencyKey);
    }

    MutableHttpRequest<?> adminRefund(Object purchaseId, String idempotencyKey) {
        return HttpRequest.POST("/api/v1/admin/purchases/" + purchaseId + "/refund", Map.of("reason", "chargeback"))
                .header("Idempotency-Key", idempotencyKey).bearerAuth(admin);
    }

    Map<String, Object> wallet(Player player) {
        return body(HttpRequest.GET("/api/v1/admin/users/" + player.id() + "/wallet").bearerAuth(support));
    }

    long balance(Player player) {
        return ((Number) wallet(player).get("balance")).longValue();
    }

    long debt(Player player) {
        return ((Number) wallet(player).get("debt")).longValue();
    }

    boolean ledgerExplainsTheWallet(Player player) {
        return Boolean.TRUE.equals(body(HttpRequest.GET("/api/v1/admin/users/" + player.id() + "/wallet/reconcile")
                .bearerAuth(support)).get("consistent"));
    }

    long ledgerEntries(Player player) {
        return database.getCollection("wallet_transactions").countDocuments(Filters.eq("user_id", new ObjectId(player.id())));
    }

    long purchasesRecorded(Player player) {
        return database.getCollection("user_purchases").countDocuments(Filters.eq("user_id", new ObjectId(player.id())));
    }

    long recordsOf(String store, String storeTransactionId) {
        return database.getCollection("user_purchases").countDocuments(Filters.and(Filters.eq("store", store),
                Filters.eq("store_transaction_id", storeTransactionId)));
    }

    long notificationsStored() {
        return database.getCollection("store_notifications").countDocuments();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> purchasesOf(Player player) {
        return (List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/users/me/purchases").bearerAuth(player.token()))
                .get("items");
    }

    @SuppressWarnings("unchecked")
    List<String> audit(Player player) {
        return ((List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/admin/users/" + player.id() + "/audit?limit=200")
                .bearerAuth(support)).get("items")).stream().map(e -> (String) e.get("action")).toList();
    }

    /**
     * {@code requests} claims of one proof, at once, alternating between the players, each with its own
     * Idempotency-Key. @return how many answers had each status
     */
    Map<Integer, Integer> race(List<Player> players, Map<String, Object> proof, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        String round = UUID.randomUUID().toString().substring(0, 8);
        try {
            for (int i = 0; i < requests; i++) {
                Player who = players.get(i % players.size());
                MutableHttpRequest<?> request = buy(who, proof, "race-" + round + "-" + i);
                statuses.add(pool.submit(() -> {
                    start.await();
                    try {
                        return http.toBlocking().exchange(request, String.class).code();
                    } catch (HttpClientResponseException e) {
                        return e.getStatus().getCode();
                    }
                }));
            }
            start.countDown();
            Map<Integer, Integer> counts = new TreeMap<>();
            for (Future<Integer> status : statuses) {
                counts.merge(status.get(), 1, Integer::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }
}

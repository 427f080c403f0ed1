package io.playerbase.bootstrap.purchase;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.playerbase.adapters.stores.appstore.AppStoreTestSigner;
import io.playerbase.bootstrap.purchase.Shop.Player;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.SIGNED_AT;
import static io.playerbase.bootstrap.purchase.Shop.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credits packs bought through the App Store adapter over real HTTP, with Apple's published test chain
 * (apple/app-store-server-library-java) configured as a root: buying, replays, races, refusals that
 * write nothing, and refunds by signed App Store Server Notifications V2 (refund, reversal, revocation,
 * out of order) and by an admin.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppStorePurchasesEndToEndTest implements TestPropertyProvider {

    private static final AtomicLong TRANSACTIONS = new AtomicLong(2_000_000_000L + System.nanoTime() % 1_000_000_000L);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;
    @Inject
    ApplicationContext context;

    private final AppStoreTestSigner apple = AppStoreTestSigner.appleTestChain();
    private Shop shop;
    private String productId;
    private String sku;

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

    @BeforeEach
    void catalog() {
        if (shop == null) {
            shop = new Shop(http, database, context);
        }
        productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
        sku = "com.example." + productId;
        shop.creditsPack(productId, Map.of("app_store", sku, "google_play", productId));
    }

    private static String newTransactionId() {
        return Long.toString(TRANSACTIONS.incrementAndGet());
    }

    private static Map<String, Object> proof(String signedTransaction) {
        return Map.of("store", "app_store", "signed_transaction", signedTransaction);
    }

    /** A signed notification about {@code transaction} (null: none), signed {@code secondsAfter} the fixture's time. */
    private MutableHttpRequest<String> notification(String type, Map<String, Object> transaction, long secondsAfter) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (transaction != null) {
            data.put("signedTransactionInfo", apple.sign(transaction));
        }
        Map<String, Object> payload = AppStoreTestSigner.notification(UUID.randomUUID().toString(), type, null, data);
        payload.put("signedDate", SIGNED_AT.plusSeconds(secondsAfter).toEpochMilli());
        return HttpRequest.POST("/api/v1/stores/app-store/notifications", AppStoreTestSigner.notificationBody(apple.sign(payload)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static Map<String, Object> revoked(Map<String, Object> transaction, long secondsAfter) {
        Map<String, Object> revoked = new LinkedHashMap<>(transaction);
        revoked.put("revocationDate", SIGNED_AT.plusSeconds(secondsAfter).toEpochMilli());
        revoked.put("revocationReason", 0);
        revoked.put("signedDate", SIGNED_AT.plusSeconds(secondsAfter).toEpochMilli());
        return revoked;
    }

    private String outcome(MutableHttpRequest<String> notification) {
        return (String) shop.body(notification).get("outcome");
    }

    @Test
    void buyReplayThenRefundReversalAndRefundAgainByNotificationsInAnyOrder() {
        Player ann = shop.player();
        String transactionId = newTransactionId();
        Map<String, Object> transaction = AppStoreTestSigner.transaction(transactionId, sku);
        String signed = apple.sign(transaction);

        HttpResponse<String> first = http.toBlocking().exchange(buy(ann, proof(signed), "apple-1"), String.class);
        HttpResponse<String> replay = http.toBlocking().exchange(buy(ann, proof(signed), "apple-1"), String.class);
        Map<String, Object> purchase = shop.body(buy(ann, proof(signed), "apple-2"));
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        assertEquals("granted", purchase.get("status"));
        assertEquals(transactionId, purchase.get("store_transaction_id"));
        assertEquals(transactionId, purchase.get("original_transaction_id"));
        assertEquals("Sandbox", purchase.get("environment"));
        assertEquals(500, shop.balance(ann));
        Document stored = database.getCollection("user_purchases").find(Filters.eq("store_transaction_id", transactionId)).first();
        assertEquals(AppStoreTestSigner.json(transaction), stored.getString("raw_payload"), "the verified payload, for support and subscriptions");
        assertFalse(stored.toJson().contains(signed), "the client's JWS itself is not stored");

        assertEquals("acknowledged", outcome(notification("CONSUMPTION_REQUEST", transaction, 1)));
        assertEquals("test", outcome(notification("TEST", null, 2)));
        MutableHttpRequest<String> unknown = notification("SOMETHING_NEW", null, 3);
        assertEquals("ignored:unknown-type", outcome(unknown));
        assertEquals("already-processed", outcome(unknown));
        assertEquals(1, database.getCollection("store_notifications").countDocuments(Filters.eq("type", "SOMETHING_NEW")),
                "an unknown type is stored for support");

        MutableHttpRequest<String> refund = notification("REFUND", revoked(transaction, 10), 10);
        assertEquals("refunded", outcome(refund));
        assertEquals("already-processed", outcome(refund));
        assertEquals(0, shop.balance(ann));
        assertEquals("refunded", shop.purchasesOf(ann).get(0).get("status"));

        assertEquals("reinstated", outcome(notification("REFUND_REVERSED", transaction, 20)));
        assertEquals(500, shop.balance(ann), "Apple reversed its refund: the credits are owed again");
        assertEquals("granted", shop.purchasesOf(ann).get(0).get("status"));
        assertEquals("ignored:out-of-order", outcome(notification("REVOKE", revoked(transaction, 5), 5)),
                "older than the reversal: changes nothing");
        assertEquals(500, shop.balance(ann));

        assertEquals("refunded", outcome(notification("REFUND", revoked(transaction, 30), 30)));
        assertEquals(0, shop.balance(ann));
        assertEquals(0, shop.debt(ann));
        assertEquals(6, shop.ledgerEntries(ann), "credit, refund and its settlement, credit again, refund and its settlement");
        assertTrue(shop.ledgerExplainsTheWallet(ann));
        assertEquals(1, shop.purchasesRecorded(ann));
        Map<String, Object> last = shop.purchasesOf(ann).get(0);
        assertEquals("app_store", last.get("refunded_by"));
        assertEquals("refund", last.get("refund_reason"));
        assertTrue(shop.audit(ann).containsAll(List.of("purchase.verified", "purchase.granted", "purchase.refunded",
                "purchase.reinstated", "wallet.purchase_refunded")), shop.audit(ann).toString());
    }

    @Test
    void anAdminRefundIsReplayedByItsKeyAndAppleCannotReverseIt() {
        Player ann = shop.player();
        Map<String, Object> transaction = AppStoreTestSigner.transaction(newTransactionId(), sku);
        Map<String, Object> purchase = shop.body(buy(ann, proof(apple.sign(transaction)), "buy"));

        HttpResponse<String> refunded = http.toBlocking().exchange(shop.adminRefund(purchase.get("id"), "refund-1"), String.class);
        HttpResponse<String> replay = http.toBlocking().exchange(shop.adminRefund(purchase.get("id"), "refund-1"), String.class);
        assertEquals(refunded.body(), replay.body());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        assertEquals(0, shop.balance(ann));

        assertEquals("ignored:not-refunded-by-store", outcome(notification("REFUND_REVERSED", transaction, 40)));
        assertEquals(0, shop.balance(ann));
        assertEquals("already-refunded", outcome(notification("REFUND", revoked(transaction, 50), 50)));
        assertEquals(3, shop.ledgerEntries(ann));
        assertTrue(shop.ledgerExplainsTheWallet(ann));
    }

    @Test
    void sixteenConcurrentClaimsOfOneTransactionByTwoPlayersGrantOnce() throws Exception {
        Player ann = shop.player();
        Player bob = shop.player();
        String transactionId = newTransactionId();

        Map<Integer, Integer> statuses = shop.race(List.of(ann, bob),
                proof(apple.sign(AppStoreTestSigner.transaction(transactionId, sku))), 16);

        Player owner = shop.balance(ann) == 500 ? ann : bob;
        Player other = owner == ann ? bob : ann;
        assertEquals(Map.of(200, 8, 409, 8), statuses);
        assertEquals(500, shop.balance(owner));
        assertEquals(0, shop.balance(other));
        assertEquals(1, shop.ledgerEntries(owner));
        assertEquals(0, shop.ledgerEntries(other));
        assertEquals(1, shop.recordsOf("app_store", transactionId));
        assertTrue(shop.ledgerExplainsTheWallet(owner));
    }

    @Test
    void aRefundNotifiedBeforeTheClaimMakesTheClaimRefuseIt() {
        Player ann = shop.player();
        Map<String, Object> transaction = AppStoreTestSigner.transaction(newTransactionId(), sku);
        assertEquals("ignored:unknown-purchase", outcome(notification("REFUND", revoked(transaction, 10), 10)));

        shop.refusedWith(422, "purchase-revoked", buy(ann, proof(apple.sign(transaction)), "after-refund"));
        assertEquals(0, shop.purchasesRecorded(ann));
        assertEquals(0, shop.ledgerEntries(ann));

        assertEquals("ignored:unknown-purchase", outcome(notification("REFUND_REVERSED", transaction, 20)));
        assertEquals("granted", shop.body(buy(ann, proof(apple.sign(transaction)), "after-reversal")).get("status"));
        assertEquals(500, shop.balance(ann));
    }

    @Test
    void proofsAppleDidNotSignAsRequiredAreTypedProblemsAndWriteNothing() {
        Player ann = shop.player();
        Map<String, Object> genuine = AppStoreTestSigner.transaction(newTransactionId(), sku);
        String[] parts = apple.sign(genuine).split("\\.");
        Map<String, Object> richer = new LinkedHashMap<>(genuine);
        richer.put("quantity", 100);
        Map<String, Object> none = Map.of("alg", "none", "x5c", apple.chain());
        Map<String, Object> hs256 = Map.of("alg", "HS256", "x5c", apple.chain());
        Map<String, Object> otherBundle = AppStoreTestSigner.transaction(newTransactionId(), sku);
        otherBundle.put("bundleId", "com.attacker.app");
        Map<String, Object> production = AppStoreTestSigner.transaction(newTransactionId(), sku);
        production.put("environment", "Production");
        Map<String, Object> expired = AppStoreTestSigner.transaction(newTransactionId(), sku);
        expired.put("signedDate", Instant.parse("2034-01-01T00:00:00Z").toEpochMilli());
        Map<String, Object> subscription = AppStoreTestSigner.transaction(newTransactionId(), sku);
        subscription.put("type", "Auto-Renewable Subscription");

        List<Map.Entry<String, String>> refusedByRule = List.of(
                Map.entry(parts[0] + "." + AppStoreTestSigner.encode(AppStoreTestSigner.json(richer)) + "." + parts[2], "receipt-invalid"),
                Map.entry(AppStoreTestSigner.encode(AppStoreTestSigner.json(none)) + "." + parts[1] + ".", "receipt-invalid"),
                Map.entry(AppStoreTestSigner.encode(AppStoreTestSigner.json(hs256)) + "." + parts[1] + "." + parts[2], "receipt-invalid"),
                Map.entry(AppStoreTestSigner.rogueChain().sign(genuine), "receipt-invalid"),
                Map.entry(apple.withChain(AppStoreTestSigner.chainOf("apple/testLeaf.pem", "apple/testIntermediate.pem")).sign(genuine),
                        "receipt-invalid"),
                Map.entry(apple.withChain(AppStoreTestSigner.chainOf("apple/testInvalidOIDLeaf.pem", "apple/testIntermediate.pem",
                        "apple/testCA.pem")).sign(genuine), "receipt-invalid"),
                Map.entry(apple.sign(expired), "receipt-invalid"),
                Map.entry(apple.sign(otherBundle), "receipt-wrong-app"),
                Map.entry(apple.sign(production), "receipt-wrong-environment"),
                Map.entry(apple.sign(AppStoreTestSigner.transaction(newTransactionId(), "com.example.not_in_catalog")), "product-unknown"),
                // The product's Google Play SKU is not its App Store SKU.
                Map.entry(apple.sign(AppStoreTestSigner.transaction(newTransactionId(), productId)), "product-unknown"),
                Map.entry(apple.sign(subscription), "product-mismatch"));
        int key = 0;
        for (Map.Entry<String, String> proof : refusedByRule) {
            shop.refusedWith(422, proof.getValue(), buy(ann, proof(proof.getKey()), "bad-" + key++));
        }
        shop.refusedWith(400, "receipt-malformed", buy(ann, proof("a.b.c"), "bad-" + key++));
        shop.refusedWith(400, "receipt-malformed", buy(ann, proof("not a jws"), "bad-" + key++));
        shop.refusedWith(400, "receipt-format-unsupported",
                buy(ann, proof(AppStoreTestSigner.resourceText("apple/legacyTransaction").strip()), "bad-" + key++));
        shop.refusedWith(400, "malformed-request", buy(ann, proof("x".repeat(16_385)), "bad-" + key++));
        shop.refusedWith(400, "store-unknown", buy(ann, Map.of("store", "steam", "signed_transaction", parts[1]), "bad-" + key++));
        shop.refusedWith(400, "invalid-value", buy(ann, Map.of("store", "app_store", "receipt", "x"), "bad-" + key++));

        assertEquals(0, shop.balance(ann));
        assertEquals(0, shop.ledgerEntries(ann));
        assertEquals(0, shop.purchasesRecorded(ann));
        List<String> audit = shop.audit(ann);
        assertEquals(refusedByRule.size(), audit.stream().filter("purchase.refused"::equals).count(), audit.toString());

        long stored = shop.notificationsStored();
        shop.refusedWith(400, "notification-malformed", HttpRequest.POST("/api/v1/stores/app-store/notifications",
                "{\"signedPayload\":\"a.b.c\"}").contentType(MediaType.APPLICATION_JSON_TYPE));
        Map<String, Object> forged = AppStoreTestSigner.notification(UUID.randomUUID().toString(), "REFUND", null,
                Map.of("signedTransactionInfo", apple.sign(revoked(genuine, 10))));
        shop.refusedWith(422, "notification-invalid", HttpRequest.POST("/api/v1/stores/app-store/notifications",
                AppStoreTestSigner.notificationBody(AppStoreTestSigner.rogueChain().sign(forged))).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertEquals(stored, shop.notificationsStored(), "a notification that fails verification is not stored");
    }
}

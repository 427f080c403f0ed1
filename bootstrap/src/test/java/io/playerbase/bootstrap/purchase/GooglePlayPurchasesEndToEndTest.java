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
import io.playerbase.adapters.stores.googleplay.GooglePlayFake;
import io.playerbase.bootstrap.purchase.Shop.Player;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.playerbase.bootstrap.purchase.Shop.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credits packs bought through the Google Play adapter over real HTTP, against {@link GooglePlayFake}
 * (a local HTTP server with Google's token endpoint, Developer API and JWKS): the OAuth2 grant, the
 * purchase read, the acknowledgement, replays, races, refusals that write nothing, and refunds by the
 * real-time developer notifications (Pub/Sub push with an OIDC token) and by an admin.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GooglePlayPurchasesEndToEndTest implements TestPropertyProvider {

    private final GooglePlayFake google = GooglePlayFake.start();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;
    @Inject
    ApplicationContext context;

    private Shop shop;
    private String productId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("playerbase.embedded.data-dir", ":memory:");
        properties.put("playerbase.embedded.port", "0");
        properties.put("playerbase.iap.google.package-name", GooglePlayFake.PACKAGE);
        properties.put("playerbase.iap.google.service-account-key", google.serviceAccountKeyJson());
        properties.put("playerbase.iap.google.api-base-url", google.baseUrl().toString());
        properties.put("playerbase.iap.google.push-audience", GooglePlayFake.PUSH_AUDIENCE);
        properties.put("playerbase.iap.google.push-service-account-email", GooglePlayFake.PUSH_EMAIL);
        properties.put("playerbase.iap.google.jwks-url", google.jwksUrl().toString());
        return properties;
    }

    @AfterAll
    void stopGoogle() {
        google.close();
    }

    @BeforeEach
    void catalog() {
        if (shop == null) {
            shop = new Shop(http, database, context);
        }
        productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
        shop.creditsPack(productId, Map.of("google_play", productId, "app_store", "com.example." + productId));
    }

    private Map<String, Object> proof(String token) {
        return Map.of("store", "google_play", "sku", productId, "purchase_token", token);
    }

    private static String newToken() {
        return "tok-" + UUID.randomUUID();
    }

    private static String newOrder() {
        return "GPA.3345-" + (System.nanoTime() % 100_000_000L);
    }

    private MutableHttpRequest<String> push(String messageId, String part, Map<String, Object> fields) {
        return push(google.pushAuthorization(GooglePlayFake.pushClaims(Instant.now())), messageId, part, fields);
    }

    private static MutableHttpRequest<String> push(String authorization, String messageId, String part, Map<String, Object> fields) {
        String body = GooglePlayFake.pushBody(messageId, GooglePlayFake.developerNotification(Instant.now(), part, fields));
        MutableHttpRequest<String> request = HttpRequest.POST("/api/v1/stores/google-play/notifications", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static Map<String, Object> voided(String token, String order) {
        return Map.of("purchaseToken", token, "orderId", order, "productType", 2, "refundType", 1);
    }

    @Test
    void buyReplayAcknowledgeThenVoidByAPushThatIsAuthenticatedAndAppliedOnce() {
        Player ann = shop.player();
        Player bob = shop.player();
        String token = newToken();
        String order = newOrder();
        google.addProduct(productId, token, order).put("obfuscatedExternalAccountId", ann.id());

        HttpResponse<String> first = http.toBlocking().exchange(buy(ann, proof(token), "g-1"), String.class);
        HttpResponse<String> replay = http.toBlocking().exchange(buy(ann, proof(token), "g-1"), String.class);
        Map<String, Object> purchase = shop.body(buy(ann, proof(token), "g-2"));
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        assertEquals("granted", purchase.get("status"));
        assertEquals(productId, purchase.get("product_id"));
        assertEquals(500, purchase.get("credits"));
        assertEquals(order, purchase.get("store_transaction_id"));
        assertEquals("google_play", purchase.get("store"));
        assertEquals(500, shop.balance(ann));
        assertEquals(1, shop.ledgerEntries(ann));
        assertEquals(List.of("product:" + productId + ":" + token), google.acknowledgements().stream()
                .filter(a -> a.contains(token)).toList(), "acknowledged once, after the grant");

        // The app consumes it after our answer: its owner still gets the purchase, anyone else a 409.
        google.addProduct(productId, token, order).put("consumptionState", 1).put("acknowledgementState", 1);
        assertEquals(purchase.get("id"), shop.body(buy(ann, proof(token), "g-3")).get("id"));
        shop.refusedWith(409, "purchase-already-claimed", buy(bob, proof(token), "g-bob"));
        assertEquals(0, shop.balance(bob));
        assertEquals(0, shop.purchasesRecorded(bob));

        Document stored = database.getCollection("user_purchases").find(Filters.eq("store_transaction_id", order)).first();
        assertEquals(ann.id(), stored.getString("account_hint"));
        assertTrue(stored.getString("raw_payload").contains("\"orderId\":\"" + order + "\""));
        assertEquals("Production", stored.getString("environment"));

        String messageId = "msg-" + UUID.randomUUID();
        long before = shop.notificationsStored();
        shop.refusedWith(401, "authentication-failed", push(null, messageId, "voidedPurchaseNotification", voided(token, order)));
        shop.refusedWith(401, "authentication-failed", push(GooglePlayFake.forgedPushAuthorization(
                GooglePlayFake.pushClaims(Instant.now())), messageId, "voidedPurchaseNotification", voided(token, order)));
        Map<String, Object> otherAudience = GooglePlayFake.pushClaims(Instant.now());
        otherAudience.put("aud", "https://elsewhere.example/push");
        shop.refusedWith(401, "authentication-failed", push(google.pushAuthorization(otherAudience), messageId,
                "voidedPurchaseNotification", voided(token, order)));
        assertEquals(before, shop.notificationsStored(), "an unauthenticated push stores nothing");
        assertEquals(500, shop.balance(ann));

        assertEquals("logged", shop.body(push("msg-" + UUID.randomUUID(), "oneTimeProductNotification",
                Map.of("version", "1.0", "notificationType", 1, "purchaseToken", token, "sku", productId))).get("outcome"));
        MutableHttpRequest<String> voidedPush = push(messageId, "voidedPurchaseNotification", voided(token, order));
        assertEquals("refunded", shop.body(voidedPush).get("outcome"));
        assertEquals("already-processed", shop.body(push(messageId, "voidedPurchaseNotification", voided(token, order)))
                .get("outcome"), "a redelivery (same messageId) changes nothing");
        assertEquals("already-refunded", shop.body(push("msg-" + UUID.randomUUID(), "voidedPurchaseNotification",
                voided(token, order))).get("outcome"));

        assertEquals(0, shop.balance(ann));
        assertEquals(0, shop.debt(ann));
        assertEquals(3, shop.ledgerEntries(ann), "the credit, the debt of the refund, its settlement");
        assertTrue(shop.ledgerExplainsTheWallet(ann));
        Map<String, Object> refunded = shop.purchasesOf(ann).get(0);
        assertEquals("refunded", refunded.get("status"));
        assertEquals("google_play", refunded.get("refunded_by"));
        assertEquals("voided-purchase", refunded.get("refund_reason"));
        assertEquals("refunded", shop.body(buy(ann, proof(token), "g-4")).get("status"), "a replay answers it as it is");
        Document logged = database.getCollection("store_notifications").find(Filters.eq("notification_id", messageId)).first();
        assertEquals("VOIDED_PURCHASE", logged.getString("type"));
        assertEquals("refunded", logged.getString("outcome"));
        assertEquals(2, logged.getInteger("deliveries"));
        assertTrue(shop.audit(ann).containsAll(List.of("purchase.verified", "purchase.granted", "wallet.purchase_granted",
                "purchase.refunded", "wallet.purchase_refunded")), shop.audit(ann).toString());
        assertEquals(List.of("purchase.refused"), shop.audit(bob).stream().filter(a -> a.startsWith("purchase.")).toList());
    }

    @Test
    void sixteenConcurrentClaimsOfOneTokenByTwoPlayersGrantOnceAndAcknowledgeOnce() throws Exception {
        Player ann = shop.player();
        Player bob = shop.player();
        String token = newToken();
        String order = newOrder();
        google.addProduct(productId, token, order);

        Map<Integer, Integer> statuses = shop.race(List.of(ann, bob), proof(token), 16);

        Player owner = shop.balance(ann) == 500 ? ann : bob;
        Player other = owner == ann ? bob : ann;
        assertEquals(Map.of(200, 8, 409, 8), statuses, "the owner's eight requests answer the purchase, the other's are refused");
        assertEquals(500, shop.balance(owner));
        assertEquals(0, shop.balance(other));
        assertEquals(1, shop.ledgerEntries(owner));
        assertEquals(0, shop.ledgerEntries(other));
        assertEquals(1, shop.recordsOf("google_play", order));
        assertEquals(1, shop.purchasesRecorded(owner));
        assertEquals(1, google.acknowledgements().stream().filter(a -> a.contains(token)).count());
        assertEquals(1, google.tokenGrants(), "one OAuth2 access token, cached, serves every call of this instance");
        assertTrue(shop.ledgerExplainsTheWallet(owner));
    }

    @Test
    void anAdminRefundIsReplayedByItsKeyAndALaterVoidChangesNothing() {
        Player ann = shop.player();
        String token = newToken();
        String order = newOrder();
        google.addProduct(productId, token, order);
        Map<String, Object> purchase = shop.body(buy(ann, proof(token), "a-1"));
        shop.body(HttpRequest.POST("/api/v1/admin/users/" + ann.id() + "/wallet/debits",
                Map.of("amount", 200, "reason", "shop")).header("Idempotency-Key", "spend").bearerAuth(shop.admin));

        HttpResponse<String> refunded = http.toBlocking().exchange(shop.adminRefund(purchase.get("id"), "refund-1"), String.class);
        HttpResponse<String> replay = http.toBlocking().exchange(shop.adminRefund(purchase.get("id"), "refund-1"), String.class);
        assertEquals(refunded.body(), replay.body());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        assertTrue(refunded.body().contains("\"status\":\"refunded\""), refunded.body());
        assertEquals(0, shop.balance(ann));
        assertEquals(200, shop.debt(ann), "300 were left to take, 200 had been spent: owed");

        assertEquals("already-refunded", shop.body(push("msg-" + UUID.randomUUID(), "voidedPurchaseNotification",
                voided(token, order))).get("outcome"));
        assertEquals(200, shop.debt(ann));
        assertTrue(shop.ledgerExplainsTheWallet(ann));
        assertEquals("admin", shop.purchasesOf(ann).get(0).get("refunded_by"));
    }

    @Test
    void aVoidBeforeTheClaimMakesTheClaimRefuseIt() {
        Player ann = shop.player();
        String token = newToken();
        String order = newOrder();
        google.addProduct(productId, token, order);

        assertEquals("ignored:unknown-purchase", shop.body(push("msg-" + UUID.randomUUID(), "voidedPurchaseNotification",
                voided(token, order))).get("outcome"));
        shop.refusedWith(422, "purchase-revoked", buy(ann, proof(token), "late-claim"));
        assertEquals(0, shop.balance(ann));
        assertEquals(0, shop.purchasesRecorded(ann));
        assertEquals(0, shop.ledgerEntries(ann));
    }

    @Test
    void proofsGoogleDoesNotVouchForAreTypedProblemsAndWriteNothing() {
        Player ann = shop.player();
        String consumed = newToken();
        google.addProduct(productId, consumed, newOrder()).put("consumptionState", 1);
        String pending = newToken();
        google.addProduct(productId, pending, newOrder()).put("purchaseState", 2);
        String canceled = newToken();
        google.addProduct(productId, canceled, newOrder()).put("purchaseState", 1);
        String forAnother = newToken();
        google.addProduct("another_sku", forAnother, newOrder());
        long acknowledged = google.acknowledgements().size();

        shop.refusedWith(422, "purchase-already-consumed", buy(ann, proof(consumed), "bad-1"));
        shop.refusedWith(422, "purchase-pending", buy(ann, proof(pending), "bad-2"));
        shop.refusedWith(422, "purchase-revoked", buy(ann, proof(canceled), "bad-3"));
        shop.refusedWith(422, "receipt-invalid", buy(ann, proof("never-issued"), "bad-4"));
        shop.refusedWith(422, "product-unknown", buy(ann, Map.of("store", "google_play", "sku", "another_sku",
                "purchase_token", forAnother), "bad-5"));
        // The App Store SKU of the product is not its Google Play SKU.
        shop.refusedWith(422, "product-unknown", buy(ann, Map.of("store", "google_play", "sku", "com.example." + productId,
                "purchase_token", forAnother), "bad-6"));
        int refusals = 6;
        shop.refusedWith(400, "receipt-malformed", buy(ann, proof("tok/../../other"), "bad-7"));
        shop.refusedWith(400, "malformed-request", buy(ann, proof("t".repeat(1025)), "bad-8"));
        shop.refusedWith(400, "invalid-value", buy(ann, Map.of("store", "google_play", "purchase_token", consumed), "bad-9"));
        shop.refusedWith(400, "invalid-value", buy(ann, Map.of("store", "google_play", "sku", productId,
                "purchase_token", consumed, "signed_transaction", "x.y.z"), "bad-10"));

        body(HttpRequest.POST("/api/v1/admin/products/" + productId + "/deactivate", "").bearerAuth(shop.admin));
        String paid = newToken();
        google.addProduct(productId, paid, newOrder());
        shop.refusedWith(422, "product-inactive", buy(ann, proof(paid), "bad-11"));
        refusals++;

        assertEquals(0, shop.balance(ann));
        assertEquals(0, shop.ledgerEntries(ann));
        assertEquals(0, shop.purchasesRecorded(ann));
        assertEquals(acknowledged, google.acknowledgements().size(), "nothing refused is acknowledged");
        List<String> audit = shop.audit(ann);
        assertEquals(refusals, audit.stream().filter("purchase.refused"::equals).count(), audit.toString());
        assertFalse(audit.contains("purchase.verified"));
        String auditJson = database.getCollection("user_audit_logs").find(Filters.eq("user_id", new ObjectId(ann.id())))
                .into(new ArrayList<>()).toString();
        assertTrue(auditJson.contains("purchase.refused"));
        assertFalse(auditJson.contains(consumed), "no proof in the audit");
    }

    private Map<String, Object> body(HttpRequest<?> request) {
        return shop.body(request);
    }
}

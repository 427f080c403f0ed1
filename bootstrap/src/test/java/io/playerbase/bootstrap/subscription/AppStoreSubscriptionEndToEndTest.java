package io.playerbase.bootstrap.subscription;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.adapters.stores.appstore.AppStoreTestSigner;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A premium subscription bought through the App Store over real HTTP: the client's signed transaction,
 * then App Store Server Notifications V2 signed with Apple's published test chain (configured as a
 * root), with the service's clock moved between them. Premium is checked at every step, as the player,
 * a game server and support see it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppStoreSubscriptionEndToEndTest implements TestPropertyProvider {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration MONTH = Duration.ofDays(30);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ApplicationContext context;
    @Inject
    SettableClock clock;
    @Inject
    TokenService tokens;
    @Inject
    MongoDatabase database;

    private final AppStoreTestSigner apple = AppStoreTestSigner.appleTestChain();
    private final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private String sku;
    private UserId admin;
    private String gameServer;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("apple-roots");
            Map<String, String> properties = new HashMap<>();
            properties.put("playerbase.embedded.data-dir", ":memory:");
            properties.put("playerbase.embedded.port", "0");
            properties.put("playerbase.test.settable-clock", "true");
            properties.put("playerbase.iap.apple.bundle-id", AppStoreTestSigner.BUNDLE_ID);
            properties.put("playerbase.iap.apple.environments", "Sandbox");
            properties.put("playerbase.iap.apple.root-certificates", AppStoreTestSigner.writeAppleTestRoot(dir).toString());
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void catalog() {
        String name = "boss" + UUID.randomUUID().toString().substring(0, 6);
        admin = new UserId(context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(name + "@example.com",
                name, PASSWORD, "setup")).id());
        gameServer = "ApiKey " + context.getBean(CreateApiKeyUseCase.class).create(new CreateApiKeyUseCase.Command("gs-" + name,
                List.of("users:read"), Actor.staff(admin, Actor.ActorRole.ADMIN, "setup"))).token();
        sku = "com.example.premium." + name;
        body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", "premium_" + name, "title", "Premium",
                "kind", "subscription", "entitlement", "premium", "period", "P1M", "credits", 100,
                "skus", Map.of("app_store", sku))).bearerAuth(adminToken()));
    }

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    /** Tokens are minted at the service's (moved) clock; each request gets a fresh one. */
    private String adminToken() {
        return tokens.issue(new Authenticated(admin, List.of("player", "admin"), 0)).accessToken();
    }

    private String token(UserId player) {
        return tokens.issue(new Authenticated(player, List.of("player"), 0)).accessToken();
    }

    private UserId player() {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        return new UserId((String) body(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD))).get("id"));
    }

    private String newTransactionId() {
        return "2" + String.format("%015d", ids.incrementAndGet());
    }

    /** An auto-renewable period of {@link #sku} bought at {@code start}, signed at the service's now. */
    private Map<String, Object> transaction(String original, String transactionId, Instant start) {
        Map<String, Object> tx = new HashMap<>(AppStoreTestSigner.transaction(transactionId, sku));
        tx.put("originalTransactionId", original);
        tx.put("type", "Auto-Renewable Subscription");
        tx.put("purchaseDate", start.toEpochMilli());
        tx.put("originalPurchaseDate", start.toEpochMilli());
        tx.put("expiresDate", start.plus(MONTH).toEpochMilli());
        tx.put("signedDate", clock.instant().toEpochMilli());
        return tx;
    }

    private Map<String, Object> renewal(String original, boolean autoRenew, Instant graceUntil) {
        Map<String, Object> info = new HashMap<>();
        info.put("originalTransactionId", original);
        info.put("autoRenewProductId", sku);
        info.put("productId", sku);
        info.put("autoRenewStatus", autoRenew ? 1 : 0);
        info.put("isInBillingRetryPeriod", graceUntil != null);
        if (graceUntil != null) {
            info.put("gracePeriodExpiresDate", graceUntil.toEpochMilli());
        }
        info.put("environment", "Sandbox");
        info.put("signedDate", clock.instant().toEpochMilli());
        return info;
    }

    private String notificationBody(String uuid, String type, String subtype, Integer status, Map<String, Object> tx,
                                    Map<String, Object> renewal) {
        Map<String, Object> data = new HashMap<>();
        data.put("signedTransactionInfo", apple.sign(tx));
        if (renewal != null) {
            data.put("signedRenewalInfo", apple.sign(renewal));
        }
        if (status != null) {
            data.put("status", status);
        }
        Map<String, Object> payload = new HashMap<>(AppStoreTestSigner.notification(uuid, type, subtype, data));
        payload.put("signedDate", clock.instant().toEpochMilli());
        return AppStoreTestSigner.notificationBody(apple.sign(payload));
    }

    private String deliver(String body) {
        return (String) body(HttpRequest.POST("/api/v1/stores/app-store/notifications", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)).get("outcome");
    }

    private String notify(String type, String subtype, Integer status, Map<String, Object> tx, Map<String, Object> renewal) {
        return deliver(notificationBody(UUID.randomUUID().toString(), type, subtype, status, tx, renewal));
    }

    private Map<String, Object> mine(UserId player) {
        return body(HttpRequest.GET("/api/v1/users/me/subscription").bearerAuth(token(player)));
    }

    private long balance(UserId player) {
        return ((Number) body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(token(player))).get("balance")).longValue();
    }

    /** Premium and status as the player sees them, and premium as a game server sees it. */
    private void assertStep(String step, UserId player, String status, boolean premium) {
        Map<String, Object> view = mine(player);
        assertEquals(status, view.get("status"), step + ": " + view);
        assertEquals(premium, view.get("premium"), step + ": " + view);
        assertEquals(premium, body(HttpRequest.GET("/api/v1/users/" + player.value()).header("Authorization", gameServer))
                .get("premium"), step + ": as a game server sees it");
    }

    private UserId subscribe(String original, Instant start) {
        UserId ann = player();
        Map<String, Object> purchase = body(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "app_store",
                "signed_transaction", apple.sign(transaction(original, original, start)))).bearerAuth(token(ann))
                .header("Idempotency-Key", "buy-" + original));
        assertEquals("recorded", purchase.get("status"));
        return ann;
    }

    @Test
    void subscribeRenewTwiceFailIntoGraceRecoverCancelExpireRefundAndRevoke() {
        String original = newTransactionId();
        Instant start = clock.instant();
        UserId ann = subscribe(original, start);
        assertStep("subscribed", ann, "active", true);
        assertEquals(100, balance(ann), "the first period's credits");
        assertEquals(start.plus(MONTH).toString(), mine(ann).get("expires_at"));

        Instant renewal1 = start.plus(MONTH);
        clock.set(renewal1.plusSeconds(5));
        String second = newTransactionId();
        assertEquals("subscription:active", notify("DID_RENEW", null, 1, transaction(original, second, renewal1), renewal(original, true, null)));
        assertStep("renewed once", ann, "active", true);
        Instant renewal2 = renewal1.plus(MONTH);
        clock.set(renewal2.plusSeconds(5));
        Map<String, Object> third = transaction(original, newTransactionId(), renewal2);
        notify("DID_RENEW", null, 1, third, renewal(original, true, null));
        assertStep("renewed twice", ann, "active", true);
        assertEquals(300, balance(ann), "one credit per period");

        Instant failed = renewal2.plus(MONTH).plusSeconds(10);
        clock.set(failed);
        assertStep("the period ran out before any news", ann, "expired", false);
        Instant graceEnd = failed.plus(Duration.ofDays(16));
        third.put("signedDate", clock.instant().toEpochMilli());
        assertEquals("subscription:grace", notify("DID_FAIL_TO_RENEW", "GRACE_PERIOD", 4, third, renewal(original, true, graceEnd)));
        assertStep("in grace", ann, "grace", true);
        assertEquals(graceEnd.toString(), mine(ann).get("grace_until"));

        Instant recovered = failed.plus(Duration.ofDays(3));
        clock.set(recovered);
        Map<String, Object> recoveredTx = transaction(original, newTransactionId(), recovered);
        notify("DID_RENEW", "BILLING_RECOVERY", 1, recoveredTx, renewal(original, true, null));
        assertStep("recovered", ann, "active", true);
        assertNull(mine(ann).get("grace_until"));
        assertEquals(400, balance(ann));

        clock.set(recovered.plus(Duration.ofDays(5)));
        notify("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED", 1, recoveredTx, renewal(original, false, null));
        assertStep("cancelled", ann, "cancelled", true);
        assertEquals(false, mine(ann).get("auto_renew"));

        Instant end = recovered.plus(MONTH);
        clock.set(end.minusMillis(1));
        assertStep("the last millisecond of the paid period", ann, "cancelled", true);
        clock.set(end);
        assertStep("expired by the clock", ann, "expired", false);
        clock.set(end.plusSeconds(30));
        notify("EXPIRED", "VOLUNTARY", 2, recoveredTx, renewal(original, false, null));
        assertStep("expired by Apple", ann, "expired", false);

        Instant back = end.plus(Duration.ofDays(10));
        clock.set(back);
        Map<String, Object> resubscribed = transaction(original, newTransactionId(), back);
        notify("SUBSCRIBED", "RESUBSCRIBE", 1, resubscribed, renewal(original, true, null));
        assertStep("resubscribed", ann, "active", true);
        assertEquals(500, balance(ann));

        clock.set(back.plus(Duration.ofDays(2)));
        Map<String, Object> refunded = new HashMap<>(resubscribed);
        refunded.put("revocationDate", clock.instant().toEpochMilli());
        refunded.put("revocationReason", 0);
        refunded.put("signedDate", clock.instant().toEpochMilli());
        assertTrue(notify("REFUND", null, 5, refunded, renewal(original, false, null)).endsWith("subscription:expired"));
        assertStep("refunded", ann, "expired", false);
        assertEquals(400, balance(ann), "the refunded period's credits went back");

        Instant again = back.plus(Duration.ofDays(20));
        clock.set(again);
        Map<String, Object> shared = transaction(original, newTransactionId(), again);
        notify("SUBSCRIBED", "RESUBSCRIBE", 1, shared, renewal(original, true, null));
        assertStep("subscribed again", ann, "active", true);
        clock.set(again.plus(Duration.ofDays(1)));
        Map<String, Object> revoked = new HashMap<>(shared);
        revoked.put("revocationDate", clock.instant().toEpochMilli());
        revoked.put("revocationReason", 0);
        revoked.put("signedDate", clock.instant().toEpochMilli());
        notify("REVOKE", null, 5, revoked, renewal(original, false, null));
        assertStep("revoked", ann, "expired", false);
        assertEquals(400, balance(ann));
        assertEquals(true, body(HttpRequest.GET("/api/v1/admin/users/" + ann.value() + "/wallet/reconcile")
                .bearerAuth(adminToken())).get("consistent"));

        Map<String, Object> details = body(HttpRequest.GET("/api/v1/admin/users/" + ann.value() + "/subscription").bearerAuth(adminToken()));
        List<Map<String, Object>> subscriptions = (List<Map<String, Object>>) details.get("subscriptions");
        assertEquals(1, subscriptions.size(), "one subscription per original transaction");
        assertEquals("app_store:" + original, subscriptions.get(0).get("id"));
        assertEquals("revoke", subscriptions.get(0).get("revocation_reason"));
        List<Map<String, Object>> history = (List<Map<String, Object>>) subscriptions.get(0).get("history");
        assertEquals("REVOKE", history.get(0).get("event"), "newest first");
        assertEquals("claim", history.get(history.size() - 1).get("event"));
        assertTrue(history.stream().anyMatch(h -> "DID_FAIL_TO_RENEW/GRACE_PERIOD".equals(h.get("event"))));
        List<Map<String, Object>> periods = (List<Map<String, Object>>) subscriptions.get(0).get("periods");
        assertEquals(6, periods.size(), "six paid periods");
        assertEquals(2, periods.stream().filter(p -> "refunded".equals(p.get("credit_state"))).count());

        Document copy = database.getCollection("users").find(Filters.eq("_id", new ObjectId(ann.value()))).first()
                .get("modules", Document.class).get("subscription", Document.class);
        assertEquals("expired", copy.getString("status"), "the account's copy followed");
        assertEquals("app_store", copy.getString("store"));
    }

    @Test
    void repeatedAndOutOfOrderNotificationsConvergeByApplesDates() {
        String original = newTransactionId();
        Instant start = clock.instant();
        UserId ann = subscribe(original, start);
        Instant renewed = start.plus(MONTH);
        clock.set(renewed.plusSeconds(1));
        Map<String, Object> renewal = transaction(original, newTransactionId(), renewed);
        String renewalBody = notificationBody("renew-" + original, "DID_RENEW", null, 1, renewal, renewal(original, true, null));
        clock.set(renewed.plusSeconds(60));
        String cancelBody = notificationBody("cancel-" + original, "DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED", 1,
                transaction(original, (String) renewal.get("transactionId"), renewed), renewal(original, false, null));

        assertEquals("subscription:cancelled", deliver(cancelBody), "the later event arrives first");
        assertEquals("subscription:cancelled", deliver(renewalBody), "the earlier one changes no status");
        assertEquals("already-processed", deliver(renewalBody));
        assertStep("converged", ann, "cancelled", true);
        assertEquals(renewed.plus(MONTH).toString(), mine(ann).get("expires_at"));
        assertEquals(200, balance(ann), "the late renewal still credited its period, once");
    }

    /** The status of the player's only purchase, as they see it. */
    private String purchaseStatus(UserId player) {
        List<?> items = (List<?>) body(HttpRequest.GET("/api/v1/users/me/purchases").bearerAuth(token(player))).get("items");
        assertEquals(1, items.size(), items::toString);
        return (String) ((Map<?, ?>) items.get(0)).get("status");
    }

    /**
     * Both modules act on one notification, each on what it owns: the purchase module on the purchase
     * record (refunded, reinstated; no money for a subscription), the subscription module on the status
     * and the period's credits; both follow the store's latest word, so a refund delivered late changes
     * neither.
     */
    @Test
    void aRefundOfTheClaimedTransactionAndItsReversalFollowTheStoresLatestWordInBothModules() {
        String original = newTransactionId();
        Instant start = clock.instant();
        UserId ann = subscribe(original, start);
        assertEquals(100, balance(ann));

        clock.set(start.plus(Duration.ofDays(2)));
        Map<String, Object> refunded = transaction(original, original, start);
        refunded.put("revocationDate", clock.instant().toEpochMilli());
        refunded.put("revocationReason", 0);
        String refund = notificationBody(UUID.randomUUID().toString(), "REFUND", null, 5, refunded, renewal(original, false, null));
        String sameRefundLate = notificationBody(UUID.randomUUID().toString(), "REFUND", null, 5, refunded,
                renewal(original, false, null));
        assertEquals("refunded+subscription:expired", deliver(refund));
        assertStep("refunded", ann, "expired", false);
        assertEquals(0, balance(ann));
        assertEquals("refunded", purchaseStatus(ann));

        clock.set(start.plus(Duration.ofDays(3)));
        String reversal = notificationBody(UUID.randomUUID().toString(), "REFUND_REVERSED", null, 1,
                transaction(original, original, start), renewal(original, true, null));
        assertEquals("reinstated+subscription:active", deliver(reversal));
        assertEquals("already-processed", deliver(reversal));
        assertStep("refund reversed", ann, "active", true);
        assertEquals(100, balance(ann), "the period credited again, once");
        assertEquals("recorded", purchaseStatus(ann));

        assertEquals("ignored:out-of-order+subscription:active", deliver(sameRefundLate),
                "an older refund under another notification id changes neither module");
        assertStep("still reinstated", ann, "active", true);
        assertEquals(100, balance(ann));
        assertEquals("recorded", purchaseStatus(ann));
        assertEquals(true, body(HttpRequest.GET("/api/v1/admin/users/" + ann.value() + "/wallet/reconcile")
                .bearerAuth(adminToken())).get("consistent"));
        Set<String> operations = Set.copyOf(database.getCollection("wallet_transactions")
                .find(Filters.eq("user_id", new ObjectId(ann.value()))).map(d -> d.getString("operation_id")).into(new ArrayList<>()));
        assertTrue(operations.containsAll(Set.of("subscription:app_store:" + original, "subscription-refund:app_store:" + original,
                "subscription-reinstate:app_store:" + original + ":1")), operations::toString);
        assertTrue(operations.stream().noneMatch(o -> o.startsWith("purchase:") || o.startsWith("refund:") || o.startsWith("reinstate:")),
                () -> "the purchase record of a subscription moves no money: " + operations);
        Map<String, Object> details = body(HttpRequest.GET("/api/v1/admin/users/" + ann.value() + "/subscription").bearerAuth(adminToken()));
        Map<?, ?> period = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) details.get("subscriptions")).get(0)).get("periods")).get(0);
        assertEquals(1, period.get("round"));
        assertEquals("credited", period.get("credit_state"));
    }

    @Test
    void aNotificationBeforeThePurchaseIsKeptAndAppliedWhenThePurchaseArrives() {
        String original = newTransactionId();
        Instant start = clock.instant();
        clock.set(start.plus(MONTH).plusSeconds(3));
        assertEquals("subscription:kept-until-claimed", notify("DID_RENEW", null, 1,
                transaction(original, newTransactionId(), start.plus(MONTH)), renewal(original, true, null)));
        UserId ann = player();
        Map<String, Object> firstTx = transaction(original, original, start);
        firstTx.put("signedDate", start.toEpochMilli());
        body(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "app_store", "signed_transaction", apple.sign(firstTx)))
                .bearerAuth(token(ann)).header("Idempotency-Key", "late-" + original));
        assertStep("claimed after its renewal", ann, "active", true);
        assertEquals(start.plus(MONTH).plus(MONTH).toString(), mine(ann).get("expires_at"));
        assertEquals(200, balance(ann));

        UserId bob = player();
        HttpClientResponseException taken = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "app_store", "signed_transaction",
                        apple.sign(transaction(original, newTransactionId(), start.plus(MONTH))))).bearerAuth(token(bob))
                        .header("Idempotency-Key", "steal-" + original), String.class));
        assertEquals(409, taken.getStatus().getCode(), "a renewal of another account's subscription");
        assertFalse((Boolean) mine(bob).get("premium"));
    }

    @Test
    void theSameNotificationSixteenTimesAtOnceCreditsOnce() throws Exception {
        String original = newTransactionId();
        Instant start = clock.instant();
        UserId ann = subscribe(original, start);
        clock.set(start.plus(MONTH).plusSeconds(2));
        String renewal = notificationBody("sixteen-" + original, "DID_RENEW", null, 1,
                transaction(original, newTransactionId(), start.plus(MONTH)), renewal(original, true, null));
        List<String> outcomes = concurrently(16, i -> renewal);
        assertTrue(outcomes.stream().allMatch(o -> o.equals("subscription:active") || o.equals("already-processed")), outcomes.toString());
        assertEquals(200, balance(ann));
        assertEquals(2, database.getCollection("wallet_transactions").countDocuments(Filters.eq("user_id", new ObjectId(ann.value()))));
        assertStep("renewed once", ann, "active", true);
    }

    @Test
    void aRenewalRacingARefundEndsInOneStateWithoutDoubleCredit() throws Exception {
        String original = newTransactionId();
        Instant start = clock.instant();
        UserId ann = subscribe(original, start);
        Instant renewed = start.plus(MONTH);
        clock.set(renewed.plusSeconds(1));
        Map<String, Object> renewal = transaction(original, newTransactionId(), renewed);
        String renewalBody = notificationBody("race-renew-" + original, "DID_RENEW", null, 1, renewal, renewal(original, true, null));
        clock.set(renewed.plus(Duration.ofDays(1)));
        Map<String, Object> refunded = new HashMap<>(renewal);
        refunded.put("revocationDate", clock.instant().toEpochMilli());
        refunded.put("revocationReason", 1);
        refunded.put("signedDate", clock.instant().toEpochMilli());
        String refundBody = notificationBody("race-refund-" + original, "REFUND", null, 5, refunded, renewal(original, false, null));

        concurrently(16, i -> i % 2 == 0 ? renewalBody : refundBody);

        assertStep("refunded whatever came first", ann, "expired", false);
        assertEquals(100, balance(ann), "the first period's credits, the refunded one's never kept");
        assertEquals(true, body(HttpRequest.GET("/api/v1/admin/users/" + ann.value() + "/wallet/reconcile")
                .bearerAuth(adminToken())).get("consistent"));
        Set<String> operations = Set.copyOf(database.getCollection("wallet_transactions")
                .find(Filters.eq("user_id", new ObjectId(ann.value()))).map(d -> d.getString("operation_id")).into(new ArrayList<>()));
        assertTrue(operations.size() == 1 || operations.size() == 4,
                "the refund first: nothing for the period; the renewal first: its credit, its refund, the settlement: " + operations);
    }

    @Test
    void anAdminGrantAddsPremiumWithoutHidingTheStoreAndARevocationEndsIt() {
        String original = newTransactionId();
        Instant start = clock.instant();
        UserId ann = subscribe(original, start);
        clock.set(start.plus(MONTH).plusSeconds(1));
        assertStep("expired", ann, "expired", false);
        String path = "/api/v1/admin/users/" + ann.value() + "/subscription";
        Map<String, Object> granted = body(HttpRequest.POST(path + "/grants", Map.of("reason", "goodwill",
                "expires_at", clock.instant().plus(Duration.ofDays(7)).toString())).bearerAuth(adminToken())
                .header("Idempotency-Key", "grant-" + original));
        assertEquals(true, ((Map<?, ?>) granted.get("current")).get("premium"));
        assertEquals("grant", ((Map<?, ?>) granted.get("current")).get("premium_source"));
        assertStep("premium by hand, the store's state shown", ann, "expired", true);
        List<?> audit = (List<?>) body(HttpRequest.GET("/api/v1/admin/users/" + ann.value() + "/audit").bearerAuth(adminToken())).get("items");
        assertTrue(audit.stream().anyMatch(e -> "subscription.premium_granted".equals(((Map<?, ?>) e).get("action"))), audit.toString());

        body(HttpRequest.POST(path + "/revocations", Map.of("reason", "mistake")).bearerAuth(adminToken())
                .header("Idempotency-Key", "revoke-" + original));
        assertStep("grant revoked", ann, "expired", false);
        HttpClientResponseException none = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST(path + "/revocations", Map.of("reason", "mistake")).bearerAuth(adminToken())
                        .header("Idempotency-Key", "revoke-again-" + original), String.class));
        assertEquals(422, none.getStatus().getCode());
    }

    private interface Body {
        String of(int i);
    }

    private List<String> concurrently(int n, Body bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String body = bodies.of(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return deliver(body);
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}

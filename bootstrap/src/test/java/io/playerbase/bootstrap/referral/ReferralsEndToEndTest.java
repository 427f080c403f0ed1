package io.playerbase.bootstrap.referral;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.referral.port.in.RecoverReferralsUseCase;
import io.playerbase.bootstrap.StaffAccounts;
import io.playerbase.domain.shared.Actor;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Referrals over real HTTP on the embedded store (docs/referrals.md): registering with a code,
 * qualifying by a match and by a purchase with exact rewards, the rules' answers, 16 concurrent
 * redemptions, the cap under concurrency, and the staff endpoints. Rewards: 500 to the referrer, 200 to
 * the referred account; no hold (the hold and a refund within it are {@code ReferralHoldEndToEndTest}).
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.iap.test-store.enabled", value = "true")
@Property(name = "playerbase.referrals.purchase-hold", value = "0s")
@Property(name = "playerbase.referrals.cap", value = "3")
class ReferralsEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;
    @Inject
    ApplicationContext context;
    @Inject
    CreateApiKeyUseCase createApiKey;
    @Inject
    RecoverReferralsUseCase recovery;

    private String admin;
    private String gameServer;

    record Player(String id, String name, String token) {
    }

    @BeforeEach
    void staff() {
        admin = StaffAccounts.admin(context);
        gameServer = "ApiKey " + createApiKey.create(new CreateApiKeyUseCase.Command("referrals-" + UUID.randomUUID(),
                List.of("matches:write"), Actor.system("test"))).token();
    }

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private HttpClientResponseException refused(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, String.class));
    }

    private static String type(HttpClientResponseException e) {
        String type = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("type").toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    private Player register(String code) {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> registration = new HashMap<>(Map.of("email", name + "@example.com", "username", name, "password", PASSWORD));
        if (code != null) {
            registration.put("referral_code", code);
        }
        String id = (String) body(HttpRequest.POST("/api/v1/auth/register", registration)).get("id");
        String token = (String) body(HttpRequest.POST("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD)))
                .get("access_token");
        return new Player(id, name, token);
    }

    private Map<String, Object> referrals(Player player) {
        return body(HttpRequest.GET("/api/v1/users/me/referrals").bearerAuth(player.token()));
    }

    private String code(Player player) {
        return (String) referrals(player).get("referral_code");
    }

    private long balance(Player player) {
        return ((Number) body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(player.token())).get("balance")).longValue();
    }

    private long rewardsEarned(Player player) {
        return ((Number) referrals(player).get("rewards_earned")).longValue();
    }

    private MutableHttpRequest<?> redeem(Player player, String code) {
        return HttpRequest.POST("/api/v1/users/me/referral", Map.of("code", code)).bearerAuth(player.token());
    }

    private void playMatch(Player... players) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < players.length; i++) {
            lines.add(Map.of("user_id", players[i].id(), "result", i == 0 ? "win" : "loss", "points", 10, "coins_delta", 0));
        }
        body(HttpRequest.POST("/api/v1/games/dutch/matches", Map.of("match_id", "m-" + UUID.randomUUID(),
                "started_at", "2026-05-01T10:00:00Z", "ended_at", "2026-05-01T10:20:00Z", "players", lines))
                .header("Authorization", gameServer));
    }

    private String buyCoins(Player player, int credits) {
        String productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
        body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", productId, "title", "Coins", "kind", "credits_pack",
                "credits", credits, "skus", Map.of("test", productId))).bearerAuth(admin));
        String receipt = (String) body(HttpRequest.POST("/api/v1/admin/store/test-receipts", Map.of("product_id", productId))
                .bearerAuth(admin)).get("receipt");
        return (String) body(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "test", "receipt", receipt))
                .bearerAuth(player.token()).header("Idempotency-Key", "buy-" + UUID.randomUUID())).get("id");
    }

    /** rewards_earned is what the user's referral ledger entries add up to. */
    private long ledgerReferralTotal(Player player) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/admin/users/" + player.id()
                + "/wallet/transactions?limit=100").bearerAuth(admin)).get("items");
        long total = 0;
        for (Map<String, Object> item : items) {
            if ("referral".equals(item.get("source"))) {
                long amount = ((Number) item.get("amount")).longValue();
                total += "reversal".equals(item.get("kind")) ? -amount : amount;
            }
        }
        return total;
    }

    @Test
    void registeringWithACodeLinksTheAccountsAndAFirstMatchPaysBothOnce() {
        Player ann = register(null);
        String annCode = code(ann);
        assertEquals(8, annCode.length());
        Player bob = register(annCode.toLowerCase());

        Map<String, Object> account = body(HttpRequest.GET("/api/v1/users/me").bearerAuth(bob.token()));
        Map<String, Object> module = (Map<String, Object>) ((Map<String, Object>) account.get("modules")).get("referrals");
        assertEquals(ann.id(), module.get("referred_by"));
        assertNotNull(module.get("referral_code"), "bob has a code of his own from registration");
        Map<String, Object> mine = referrals(bob);
        assertEquals(ann.name(), ((Map<String, Object>) mine.get("referred_by")).get("username"));
        assertEquals("pending", ((Map<String, Object>) mine.get("referred_by")).get("state"));
        assertNull(mine.get("redeemable_until"));
        Map<String, Object> annView = referrals(ann);
        assertEquals(1, ((Number) annView.get("referral_count")).intValue());
        List<Map<String, Object>> referred = (List<Map<String, Object>>) annView.get("referred");
        assertEquals(List.of(bob.name()), referred.stream().map(link -> link.get("username")).toList());
        assertTrue(referred.get(0).keySet().stream().noneMatch(key -> key.contains("id") || key.contains("email")),
                "players see other accounts by username only: " + referred.get(0).keySet());
        assertEquals(0, balance(ann) + balance(bob), "no reward on redemption");

        playMatch(bob, ann);
        playMatch(bob, ann);
        assertEquals(500, balance(ann));
        assertEquals(200, balance(bob));
        assertEquals(500, rewardsEarned(ann));
        assertEquals(200, rewardsEarned(bob));
        assertEquals(rewardsEarned(ann), ledgerReferralTotal(ann));
        assertEquals(rewardsEarned(bob), ledgerReferralTotal(bob));
        Map<String, Object> link = ((List<Map<String, Object>>) referrals(ann).get("referred")).get(0);
        assertEquals("rewarded", link.get("state"));
        assertEquals("match", link.get("qualified_by"));
        assertEquals(Map.of("amount", 500, "state", "paid"), Map.of("amount", ((Map<?, ?>) link.get("reward")).get("amount"),
                "state", ((Map<?, ?>) link.get("reward")).get("state")));
    }

    @Test
    void aFirstVerifiedPurchaseQualifiesAndPaysExactlyOnce() {
        Player ann = register(null);
        Player cat = register(null);
        assertEquals(200, http.toBlocking().exchange(redeem(cat, code(ann)), String.class).code());
        buyCoins(cat, 300);
        buyCoins(cat, 300);
        assertEquals(500, balance(ann));
        assertEquals(300 + 300 + 200, balance(cat));
        assertEquals(500, rewardsEarned(ann));
        assertEquals("purchase", ((Map<String, Object>) referrals(cat).get("referred_by")).get("qualified_by"));
        assertEquals(rewardsEarned(cat), ledgerReferralTotal(cat));
    }

    @Test
    void eachRuleHasItsTypedAnswerAndUnknownCodesAreNotFound() {
        Player ann = register(null);
        Player bob = register(null);
        assertEquals("referral-code-unknown", type(refused(redeem(bob, "NOSUCH22"))));
        assertEquals(404, refused(redeem(bob, "NOSUCH22")).getStatus().getCode());
        assertEquals("referral-own-code", type(refused(redeem(ann, code(ann)))));
        assertEquals("invalid-value", type(refused(redeem(bob, "not a code!"))));
        String robot = (String) body(HttpRequest.POST("/api/v1/admin/comp-players", Map.of("username", "bot" + UUID.randomUUID()
                .toString().substring(0, 6))).bearerAuth(admin)).get("user_id");
        recovery.recover(); // computer players get their code from the recovery pass
        String robotCode = (String) body(HttpRequest.GET("/api/v1/admin/users/" + robot + "/referrals").bearerAuth(admin))
                .get("referral_code");
        assertEquals("referrer-computer-player", type(refused(redeem(bob, robotCode))));
        Player sue = register(null);
        String sueCode = code(sue);
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + sue.id() + "/suspend", "").bearerAuth(admin));
        assertEquals("referrer-inactive", type(refused(redeem(bob, sueCode))));
        Player dan = register(null);
        String danCode = code(dan);
        Map<String, Object> disabled = body(HttpRequest.POST("/api/v1/admin/users/" + dan.id() + "/referral-code/disable", "")
                .bearerAuth(admin));
        assertEquals(true, disabled.get("referral_code_disabled"));
        assertEquals("referral-code-disabled", type(refused(redeem(bob, danCode))));
        assertEquals("referral-code-disabled", type(refused(HttpRequest.POST("/api/v1/auth/register", Map.of(
                "email", "x" + UUID.randomUUID() + "@example.com", "username", "x" + UUID.randomUUID().toString().substring(0, 8),
                "password", PASSWORD, "referral_code", danCode)))));
        assertEquals(0, database.getCollection("referrals").countDocuments(Filters.eq("_id", new ObjectId(bob.id()))),
                "nothing was redeemed");

        http.toBlocking().exchange(redeem(bob, code(ann)), String.class);
        assertEquals("referral-already-redeemed", type(refused(redeem(bob, code(dan)))));
    }

    @Test
    void ofSixteenConcurrentRedemptionsByOneAccountOneSucceeds() throws Exception {
        Player ann = register(null);
        Player bob = register(null);
        String code = code(ann);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    try {
                        return http.toBlocking().exchange(redeem(bob, code), String.class).code();
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
            assertEquals(Map.of(200, 1, 422, 15), seen);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, ((Number) referrals(ann).get("referral_count")).intValue());
        assertEquals(1, database.getCollection("referrals").countDocuments(Filters.eq("referrer_id", new ObjectId(ann.id()))));
    }

    @Test
    void theCapHoldsWhenReferralsQualifyConcurrently() throws Exception {
        Player ann = register(null);
        String code = code(ann);
        List<Player> referred = new ArrayList<>();
        List<Player> opponents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            referred.add(register(code));
            opponents.add(register(null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < referred.size(); i++) {
                Player player = referred.get(i);
                Player opponent = opponents.get(i);
                done.add(pool.submit(() -> {
                    start.await();
                    playMatch(player, opponent);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        recovery.recover();
        Map<String, Object> view = referrals(ann);
        Map<Object, Long> states = new HashMap<>();
        for (Map<String, Object> link : (List<Map<String, Object>>) view.get("referred")) {
            states.merge(link.get("state"), 1L, Long::sum);
        }
        assertEquals(Map.of("rewarded", 3L, "unrewarded", 3L), states);
        assertEquals(1500, balance(ann));
        assertEquals(1500, rewardsEarned(ann));
        assertEquals(1500, ledgerReferralTotal(ann));
        assertEquals(6, ((Number) view.get("referral_count")).intValue());
        assertEquals(600, referred.stream().mapToLong(this::balance).sum(), "three referred accounts rewarded");
    }

    @Test
    void staffSeeTheLinksAndAnAdminReversesARewardOnce() {
        Player ann = register(null);
        Player bob = register(code(ann));
        playMatch(bob, register(null));
        String support = StaffAccounts.support(context);
        Map<String, Object> staffView = body(HttpRequest.GET("/api/v1/admin/users/" + ann.id() + "/referrals").bearerAuth(support));
        Map<String, Object> link = ((List<Map<String, Object>>) staffView.get("referred")).get(0);
        assertEquals(bob.id(), link.get("referral_id"));
        assertEquals("paid", ((Map<?, ?>) link.get("referrer_reward")).get("state"));

        MutableHttpRequest<?> reverse = HttpRequest.POST("/api/v1/admin/referrals/" + bob.id() + "/reversals",
                Map.of("side", "referrer", "reason", "fraud", "description", "Self-referral")).bearerAuth(admin)
                .header("Idempotency-Key", "undo-" + UUID.randomUUID());
        HttpResponse<String> first = http.toBlocking().exchange(reverse, String.class);
        HttpResponse<String> replay = http.toBlocking().exchange(reverse, String.class);
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        Map<String, Object> again = body(HttpRequest.POST("/api/v1/admin/referrals/" + bob.id() + "/reversals",
                Map.of("side", "referrer", "reason", "fraud")).bearerAuth(admin).header("Idempotency-Key", "undo-" + UUID.randomUUID()));
        assertEquals("reversed", ((Map<?, ?>) again.get("referrer_reward")).get("state"));
        assertEquals(0, balance(ann));
        assertEquals(0, rewardsEarned(ann));
        assertEquals(0, ledgerReferralTotal(ann));

        assertEquals("not-reversible", type(refused(HttpRequest.POST("/api/v1/admin/users/" + bob.id() + "/wallet/reversals",
                Map.of("operation_id", "referral:" + bob.id() + ":referee", "reason", "mistake")).bearerAuth(admin)
                .header("Idempotency-Key", "wallet-undo-" + UUID.randomUUID()))), "only through the referral");
        assertEquals("referral-not-found", type(refused(HttpRequest.POST("/api/v1/admin/referrals/" + ann.id() + "/reversals",
                Map.of("side", "referee", "reason", "fraud")).bearerAuth(admin).header("Idempotency-Key", "x-" + UUID.randomUUID()))));
        List<String> audit = ((List<Map<String, Object>>) body(HttpRequest.GET("/api/v1/admin/users/" + ann.id() + "/audit")
                .bearerAuth(support)).get("items")).stream().map(e -> (String) e.get("action")).toList();
        assertTrue(audit.containsAll(List.of("referral.code_assigned", "referral.counted", "referral.rewarded",
                "referral.reward_reversed", "wallet.referral_rewarded", "wallet.reversed")), audit.toString());
    }

    @Test
    void theModuleDataKeepsItsBookkeepingOutOfTheAccountView() {
        Player ann = register(null);
        register(code(ann));
        Map<String, Object> account = body(HttpRequest.GET("/api/v1/users/me").bearerAuth(ann.token()));
        Map<String, Object> module = (Map<String, Object>) ((Map<String, Object>) account.get("modules")).get("referrals");
        assertTrue(module.keySet().stream().noneMatch(key -> key.startsWith("_")), module.toString());
        Document stored = database.getCollection("referral_codes").find(Filters.eq("_id", code(ann))).first();
        assertEquals(new ObjectId(ann.id()), stored.get("owner_id"));
    }
}

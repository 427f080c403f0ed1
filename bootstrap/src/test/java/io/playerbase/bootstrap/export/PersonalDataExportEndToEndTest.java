package io.playerbase.bootstrap.export;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.bootstrap.StaffAccounts;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;
import jakarta.inject.Inject;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The personal-data export over real HTTP (docs/privacy.md): a user touched by every module gets every
 * item back, decrypted, and nothing of anyone else but referral partners' usernames; staff export with a
 * reason that the audit log records; an erased account is 404; a long ledger comes whole and in order.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.iap.test-store.enabled", value = "true")
@Property(name = "playerbase.referrals.purchase-hold", value = "0s")
class PersonalDataExportEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ApplicationContext context;
    @Inject
    MongoDatabase database;
    @Inject
    JsonMapper json;
    @Inject
    CreditWalletUseCase credits;

    record Player(String id, String name, String email, String token) {
    }

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private Player register(String code) {
        String name = "x" + UUID.randomUUID().toString().substring(0, 8);
        String email = name + "@example.com";
        Map<String, Object> registration = new HashMap<>(Map.of("email", email, "username", name, "password", PASSWORD));
        if (code != null) {
            registration.put("referral_code", code);
        }
        String id = (String) body(HttpRequest.POST("/api/v1/auth/register", registration)).get("id");
        return new Player(id, name, email, logIn(name));
    }

    private String logIn(String name) {
        return (String) body(HttpRequest.POST("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))).get("access_token");
    }

    private String code(Player player) {
        return (String) body(HttpRequest.GET("/api/v1/users/me/referrals").bearerAuth(player.token())).get("referral_code");
    }

    private HttpResponse<String> export(String path, String token) {
        return http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token), String.class);
    }

    private Map<String, Object> parse(String document) throws IOException {
        return json.readValue(document, Argument.mapOf(String.class, Object.class));
    }

    private static List<Map<String, Object>> list(Map<String, Object> export, String section) {
        return (List<Map<String, Object>>) export.get(section);
    }

    private static Map<String, Object> map(Map<String, Object> parent, String field) {
        return (Map<String, Object>) parent.get(field);
    }

    @Test
    void anAccountTouchedByEveryModuleGetsEveryItemAndNothingOfAnyoneElse() throws IOException {
        String admin = StaffAccounts.admin(context);
        Player bob = register(null);                       // ann's referrer
        Player ann = register(code(bob));                  // the subject
        Player dan = register(code(ann));                  // referred by ann
        Player cat = register(null);                       // ann's opponent
        Player eve = register(null);                       // unrelated
        String annAdmin;
        String planId = "premium_" + UUID.randomUUID().toString().substring(0, 6);
        {
            http.toBlocking().exchange(HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", "+44 20 7946 0000",
                    "address", "1 Export Street\nLondon")).bearerAuth(ann.token()));
            // A match against cat: ann's referral qualifies (bob and ann are paid) and it is her match.
            String gameServer = "ApiKey " + context.getBean(CreateApiKeyUseCase.class).create(new CreateApiKeyUseCase.Command(
                    "export-gs-" + UUID.randomUUID(), List.of("matches:write"), Actor.system("test"))).token();
            body(HttpRequest.POST("/api/v1/games/dutch/matches", Map.of("match_id", "export-" + UUID.randomUUID(),
                    "started_at", "2026-05-01T10:00:00Z", "ended_at", "2026-05-01T10:20:00Z", "players", List.of(
                            Map.of("user_id", ann.id(), "result", "win", "points", 40, "coins_delta", 5),
                            Map.of("user_id", cat.id(), "result", "loss", "points", 0, "coins_delta", -5))))
                    .header("Authorization", gameServer));
            // A purchase, refunded.
            String productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
            body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", productId, "title", "Coins", "kind", "credits_pack",
                    "credits", 300, "skus", Map.of("test", productId))).bearerAuth(admin));
            String receipt = (String) body(HttpRequest.POST("/api/v1/admin/store/test-receipts", Map.of("product_id", productId))
                    .bearerAuth(admin)).get("receipt");
            String purchase = (String) body(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "test", "receipt", receipt))
                    .bearerAuth(ann.token()).header("Idempotency-Key", "x-" + UUID.randomUUID())).get("id");
            body(HttpRequest.POST("/api/v1/admin/purchases/" + purchase + "/refund", Map.of("reason", "chargeback"))
                    .bearerAuth(admin).header("Idempotency-Key", "r-" + UUID.randomUUID()));
            // A store subscription and premium granted by hand.
            body(HttpRequest.POST("/api/v1/admin/products", Map.of("product_id", planId, "title", "Premium", "kind", "subscription",
                    "entitlement", "premium", "period", "P1M", "skus", Map.of("test", planId))).bearerAuth(admin));
            String planReceipt = (String) body(HttpRequest.POST("/api/v1/admin/store/test-receipts", Map.of("product_id", planId))
                    .bearerAuth(admin)).get("receipt");
            body(HttpRequest.POST("/api/v1/users/me/purchases", Map.of("store", "test", "receipt", planReceipt))
                    .bearerAuth(ann.token()).header("Idempotency-Key", "s-" + UUID.randomUUID()));
            body(HttpRequest.POST("/api/v1/admin/users/" + ann.id() + "/subscription/grants", Map.of("reason", "goodwill",
                    "expires_at", Instant.now().plus(Duration.ofDays(30)).toString()))
                    .bearerAuth(admin).header("Idempotency-Key", "g-" + UUID.randomUUID()));
            // An admin's credit, a suspension and reinstatement, staff roles, and an API key she creates.
            body(HttpRequest.POST("/api/v1/admin/users/" + ann.id() + "/wallet/credits", Map.of("amount", 75, "reason", "goodwill",
                    "description", "Sorry for the outage")).bearerAuth(admin).header("Idempotency-Key", "c-" + UUID.randomUUID()));
            http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + ann.id() + "/suspend", "").bearerAuth(admin));
            http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + ann.id() + "/reinstate", "").bearerAuth(admin));
            http.toBlocking().exchange(HttpRequest.PUT("/api/v1/admin/users/" + ann.id() + "/roles", Map.of("roles", List.of("admin")))
                    .bearerAuth(admin));
            annAdmin = logIn(ann.name());
            body(HttpRequest.POST("/api/v1/admin/api-keys", Map.of("name", "ann's table server", "scopes", List.of("users:read")))
                    .bearerAuth(annAdmin));
        }

        HttpResponse<String> response = export("/api/v1/users/me/export", annAdmin);
        assertEquals("application/json", response.getContentType().orElseThrow().toString());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        assertTrue(response.getHeaders().get("Content-Disposition").contains("playerbase-export-" + ann.id() + ".json"));
        String raw = response.body();
        Map<String, Object> export = parse(raw);

        assertEquals("playerbase.personal-data-export", map(export, "export").get("format"));
        assertEquals("you", map(export, "export").get("requested_by"));
        Map<String, Object> about = map(export, "about_this_export");
        for (String part : List.of("purposes", "categories", "recipients", "retention", "source", "rights")) {
            assertNotNull(about.get(part), part);
        }
        assertTrue(about.get("recipients").toString().contains("apple_app_store"), "the stores are recipients");
        assertTrue(((List<Map<String, Object>>) about.get("retention")).stream().map(r -> r.get("collection")).toList()
                .containsAll(List.of("users", "wallet_transactions", "user_audit_logs", "referrals", "dutch_matches")));

        Map<String, Object> account = map(export, "account");
        assertEquals(ann.email(), account.get("email"), "decrypted");
        assertEquals("+44 20 7946 0000", account.get("phone"));
        assertEquals("1 Export Street\nLondon", account.get("address"));
        assertEquals(List.of("admin", "player"), account.get("roles"));
        List<String> statusActions = list(export, "status_history").stream().map(e -> (String) e.get("action")).toList();
        assertTrue(statusActions.containsAll(List.of("user.registered", "user.suspended", "user.reinstated", "user.roles_changed")),
                statusActions.toString());

        assertEquals(Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game"),
                map(export, "modules").keySet());
        assertEquals(1, ((Number) map(map(export, "modules"), "dutch_game").get("total_matches")).intValue());
        Map<String, Object> wallet = map(export, "wallet");
        assertEquals(200 + 75, ((Number) wallet.get("balance")).longValue(), "the referral reward and the credit; the refund took the 300 back");
        List<Map<String, Object>> ledger = list(export, "wallet_ledger");
        assertEquals(((Number) wallet.get("entries")).intValue(), ledger.size());
        assertTrue(ledger.stream().anyMatch(e -> "Sorry for the outage".equals(e.get("description"))), "descriptions decrypted");
        assertTrue(ledger.stream().anyMatch(e -> "referral".equals(e.get("source")) && ((Number) e.get("amount")).intValue() == 200));
        assertTrue(ledger.stream().anyMatch(e -> "purchase".equals(e.get("source")) && "debt".equals(e.get("kind"))));

        Map<String, Object> bought = list(export, "purchases").stream().filter(p -> "credits_pack".equals(p.get("kind")))
                .findFirst().orElseThrow();
        assertEquals("test", bought.get("store"));
        assertEquals("refunded", bought.get("status"));
        assertEquals("chargeback", map(bought, "refund").get("reason"));
        assertNotNull(bought.get("store_payload"));
        Map<String, Object> subscriptionModule = map(export, "subscription");
        assertEquals(planId, map(subscriptionModule, "current").get("plan"), "the plan is the product id");
        List<Map<String, Object>> grants = (List<Map<String, Object>>) subscriptionModule.get("premium_grants");
        assertEquals(List.of("goodwill"), grants.stream().map(g -> g.get("reason")).toList());
        List<Map<String, Object>> subscriptions = list(export, "subscriptions");
        assertEquals(1, subscriptions.size());
        assertEquals("test", subscriptions.get(0).get("store"));
        assertEquals("active", subscriptions.get(0).get("status"));
        assertFalse(((List<?>) subscriptions.get(0).get("history")).isEmpty(), "the subscription's history");
        assertEquals(1, ((List<?>) subscriptions.get(0).get("periods")).size(), "its paid period");

        Map<String, Object> referrals = map(export, "referrals");
        assertEquals(code(ann), referrals.get("referral_code"));
        assertEquals(bob.name(), map(referrals, "referred_by").get("username"));
        assertEquals("rewarded", map(referrals, "referred_by").get("state"));
        assertEquals(200, ((Number) map(map(referrals, "referred_by"), "your_reward").get("amount")).intValue());
        assertEquals(List.of(dan.name()), list(export, "referrals_made").stream().map(l -> l.get("username")).toList());

        Map<String, Object> match = list(export, "dutch_matches").get(0);
        assertEquals("win", match.get("result"));
        assertEquals(40, ((Number) match.get("points")).intValue());
        assertEquals(2, ((Number) match.get("players")).intValue());

        List<String> actions = list(export, "audit").stream().map(e -> (String) e.get("action")).toList();
        assertTrue(actions.containsAll(List.of("user.registered", "user.profile_updated", "wallet.credited", "referral.redeemed",
                "purchase.refunded", "dutch_game.match_applied", "user.data_exported")), actions.toString());
        assertTrue(list(export, "audit").stream().noneMatch(e -> e.containsKey("actor")), "staff appear by role only");
        assertEquals(List.of("ann's table server"), list(export, "api_keys").stream().map(k -> k.get("name")).toList());

        // Nobody else's email or id anywhere; other usernames only where a referral links them.
        Map<String, Object> withoutReferrals = new HashMap<>(export);
        withoutReferrals.remove("referrals");
        withoutReferrals.remove("referrals_made");
        Map<String, Object> otherModules = new HashMap<>(map(export, "modules"));
        assertEquals(bob.name(), map(otherModules, "referrals").get("referred_by"), "the referrer by username, not by id");
        otherModules.remove("referrals");
        withoutReferrals.put("modules", otherModules);
        String outsideReferrals = json.writeValueAsString(withoutReferrals);
        for (Player other : List.of(bob, dan, cat, eve)) {
            assertFalse(raw.contains(other.email()), other.email());
            assertFalse(raw.contains(other.id()), other.id());
            assertFalse(outsideReferrals.contains(other.name()), other.name());
        }
        for (Player unrelated : List.of(cat, eve)) {
            assertFalse(raw.contains(unrelated.name()), unrelated.name());
        }
        String adminId = (String) body(HttpRequest.GET("/api/v1/users/me").bearerAuth(admin)).get("id");
        assertFalse(raw.contains(adminId), "the admin who acted appears by role only");
    }

    @Test
    void anAdminExportsWithAReasonThatTheAuditLogRecords() throws IOException {
        String admin = StaffAccounts.admin(context);
        Player ann = register(null);
        HttpResponse<String> response = export("/api/v1/admin/users/" + ann.id() + "/export?reason=data_subject_request", admin);
        Map<String, Object> export = parse(response.body());
        assertEquals("staff", map(export, "export").get("requested_by"));
        assertEquals("data_subject_request", map(export, "export").get("reason"));
        assertEquals(ann.email(), map(export, "account").get("email"));
        assertEquals(1, database.getCollection("user_audit_logs").countDocuments(Filters.and(
                Filters.eq("user_id", new ObjectId(ann.id())), Filters.eq("action", "user.data_exported.data_subject_request"),
                Filters.eq("actor_role", "admin"))));

        HttpClientResponseException missing = assertThrows(HttpClientResponseException.class,
                () -> export("/api/v1/admin/users/" + ann.id() + "/export", admin));
        assertEquals(400, missing.getStatus().getCode());
        assertTrue(missing.getResponse().getBody(String.class).orElseThrow().contains("\"field\":\"reason\""));
        HttpClientResponseException support = assertThrows(HttpClientResponseException.class,
                () -> export("/api/v1/admin/users/" + ann.id() + "/export?reason=support_case", StaffAccounts.support(context)));
        assertEquals(403, support.getStatus().getCode());
    }

    @Test
    void anErasedAccountsExportIsNotFoundAndShowsNothingOfIt() {
        String admin = StaffAccounts.admin(context);
        Player gone = register(null);
        http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/users/me", Map.of("password", PASSWORD)).bearerAuth(gone.token()));
        HttpClientResponseException erased = assertThrows(HttpClientResponseException.class,
                () -> export("/api/v1/admin/users/" + gone.id() + "/export?reason=legal_obligation", admin));
        assertEquals(404, erased.getStatus().getCode());
        String problem = erased.getResponse().getBody(String.class).orElseThrow();
        assertTrue(problem.contains("user-not-found"), problem);
        assertFalse(problem.contains(gone.email()) || problem.contains(gone.name()), problem);
        assertNull(erased.getResponse().getHeaders().get("Content-Disposition"));
    }

    @Test
    void aLedgerLongerThanSeveralPagesComesWholeAndInOrder() throws IOException {
        Player ann = register(null);
        int entries = 1_201;
        for (int i = 0; i < entries; i++) {
            credits.credit(CreditWalletUseCase.Command.of(new UserId(ann.id()), 1L, "bulk:" + i, "goodwill", null,
                    TransactionSource.ADMIN, Actor.system("bulk")));
        }
        List<Map<String, Object>> ledger = list(parse(export("/api/v1/users/me/export", ann.token()).body()), "wallet_ledger");
        assertEquals(entries, ledger.size());
        for (int i = 0; i < entries; i++) {
            assertEquals(i + 1, ((Number) ledger.get(i).get("sequence")).intValue());
            assertEquals(i + 1, ((Number) ledger.get(i).get("balance_after")).intValue());
        }
    }
}

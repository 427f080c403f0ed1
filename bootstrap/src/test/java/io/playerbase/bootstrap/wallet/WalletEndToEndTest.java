package io.playerbase.bootstrap.wallet;

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
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.bootstrap.StaffAccounts;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wallet over real HTTP, on the embedded in-memory store: an admin moves money, the player sees it. */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class WalletEndToEndTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    MongoDatabase database;
    @Inject
    ApplicationContext context;

    private Map<String, Object> body(HttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private static MutableHttpRequest<?> move(String userId, String what, Map<String, Object> json, String key, String token) {
        return HttpRequest.POST("/api/v1/admin/users/" + userId + "/wallet/" + what, json)
                .header("Idempotency-Key", key).bearerAuth(token);
    }

    @Test
    void anAdminCreditsAndDebitsAPlayerWhoSeesBalanceAndStatement() {
        String name = "w" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> player = body(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", "correct horse battery")));
        String ann = (String) player.get("id");
        String playerToken = (String) body(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", name, "password", "correct horse battery"))).get("access_token");
        // The admin user API comes with access control; a token with the admin role stands in for it here.
        String admin = StaffAccounts.admin(context);
        String support = StaffAccounts.support(context);

        HttpResponse<String> credited = http.toBlocking().exchange(
                move(ann, "credits", Map.of("amount", 123_456, "reason", "goodwill", "description", "Welcome gift"), "gift-1", admin),
                String.class);
        assertEquals(HttpStatus.OK, credited.getStatus());
        HttpResponse<String> replayed = http.toBlocking().exchange(
                move(ann, "credits", Map.of("amount", 123_456, "reason", "goodwill", "description", "Welcome gift"), "gift-1", admin),
                String.class);
        assertEquals(credited.body(), replayed.body());
        assertEquals("true", replayed.getHeaders().get("Idempotent-Replayed"));

        Map<String, Object> debit = body(move(ann, "debits", Map.of("amount", 23_456, "reason", "correction"), "fix-1", admin));
        assertEquals(100_000, debit.get("balance_after"));
        HttpClientResponseException tooMuch = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(move(ann, "debits", Map.of("amount", 100_001, "reason", "correction"), "fix-2", admin)));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, tooMuch.getStatus());
        assertEquals("urn:playerbase:problem:insufficient-funds",
                tooMuch.getResponse().getBody(Map.class).map(problem -> problem.get("type")).orElse(null));

        Map<String, Object> wallet = body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(playerToken));
        assertEquals(100_000, wallet.get("balance"));
        assertEquals("CREDITS", wallet.get("currency"));
        Map<String, Object> statement = body(HttpRequest.GET("/api/v1/users/me/wallet/transactions?limit=1").bearerAuth(playerToken));
        List<?> items = (List<?>) statement.get("items");
        assertEquals(1, items.size());
        assertEquals("debit", ((Map<?, ?>) items.get(0)).get("kind"));
        Map<String, Object> older = body(HttpRequest.GET("/api/v1/users/me/wallet/transactions?limit=1&cursor="
                + statement.get("next_cursor")).bearerAuth(playerToken));
        assertEquals("Welcome gift", ((Map<?, ?>) ((List<?>) older.get("items")).get(0)).get("description"));

        Map<String, Object> reversal = body(HttpRequest.POST("/api/v1/admin/users/" + ann + "/wallet/reversals",
                Map.of("operation_id", debit.get("operation_id"), "reason", "mistake")).header("Idempotency-Key", "undo-1").bearerAuth(admin));
        assertEquals(123_456, reversal.get("balance_after"));

        Map<String, Object> reconcile = body(HttpRequest.GET("/api/v1/admin/users/" + ann + "/wallet/reconcile").bearerAuth(support));
        assertEquals(true, reconcile.get("consistent"), reconcile.toString());
        assertEquals(3, reconcile.get("entries"));
        assertEquals(123_456, body(HttpRequest.GET("/api/v1/admin/users/" + ann + "/wallet").bearerAuth(support)).get("balance"));
        assertEquals(123_456, ((Map<?, ?>) ((Map<?, ?>) body(HttpRequest.GET("/api/v1/users/me").bearerAuth(playerToken))
                .get("modules")).get("wallet")).get("balance"), "the account view shows the same balance");

        // The key's record is gone (its 24 h passed and the TTL monitor swept it): the same request is still
        // answered with the original movement, because its operation id derives from the admin and the key.
        database.getCollection("idempotency_keys").deleteMany(Filters.eq("key", "gift-1"));
        Map<String, Object> again = body(move(ann, "credits",
                Map.of("amount", 123_456, "reason", "goodwill", "description", "Welcome gift"), "gift-1", admin));
        assertEquals(1, again.get("sequence"), "the first credit, not a new one");
        database.getCollection("idempotency_keys").deleteMany(Filters.eq("key", "gift-1"));
        HttpClientResponseException reused = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(move(ann, "credits", Map.of("amount", 5, "reason", "goodwill"), "gift-1", admin)));
        assertEquals("urn:playerbase:problem:operation-id-reused",
                reused.getResponse().getBody(Map.class).map(problem -> problem.get("type")).orElse(null));
        assertEquals(123_456, body(HttpRequest.GET("/api/v1/users/me/wallet").bearerAuth(playerToken)).get("balance"));

        ObjectId id = new ObjectId(ann);
        String raw = database.getCollection("users").find(Filters.eq("_id", id)).first().toJson()
                + database.getCollection("wallet_transactions").find(Filters.eq("user_id", id)).into(new ArrayList<>())
                + database.getCollection("idempotency_keys").find().into(new ArrayList<>());
        for (String secret : List.of("123456", "23456", "100000", "Welcome gift")) {
            assertFalse(raw.contains(secret), "no " + secret + " in clear in the database");
        }
        List<Document> audit = database.getCollection("user_audit_logs")
                .find(Filters.and(Filters.eq("user_id", id), Filters.eq("module", "wallet"))).into(new ArrayList<>());
        assertEquals(List.of("wallet.credited", "wallet.debited", "wallet.reversed"),
                audit.stream().map(entry -> entry.getString("action")).sorted().toList());
        assertTrue(audit.stream().allMatch(entry -> entry.getList("changed_fields", String.class).equals(List.of("balance"))));
        assertFalse(audit.toString().contains("123456"));
    }
}

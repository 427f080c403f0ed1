package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access control end to end: suspension, API keys, staff roles, staff listings, over HTTP on the embedded store. */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class AccessEndToEndTest {

    private static final String PASSWORD = "access password 2026";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    CreateAdminUseCase createAdmin;
    @Inject
    MongoDatabase database;

    private String admin;
    private String adminId;

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @BeforeEach
    void anAdmin() {
        String name = unique("root");
        adminId = createAdmin.create(new CreateAdminUseCase.Command(name + "@example.com", name, PASSWORD, "test")).id();
        admin = "Bearer " + logIn(name).get("access_token");
    }

    private String register(String name) {
        return (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD)), Map.class).get("id");
    }

    private Map<String, Object> logIn(String login) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login", Map.of("login", login, "password", PASSWORD)),
                Argument.mapOf(String.class, Object.class));
    }

    private HttpStatus status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class)).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private Map<String, Object> asAdmin(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(request.header("Authorization", admin), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void aSuspendedPlayerIsOutAtOnceAndBackAfterReinstatement() {
        String name = unique("pat");
        String id = register(name);
        Map<String, Object> tokens = logIn(name);
        String access = "Bearer " + tokens.get("access_token");
        assertEquals(HttpStatus.OK, status(HttpRequest.GET("/api/v1/users/me").header("Authorization", access)));

        Map<String, Object> suspended = asAdmin(HttpRequest.POST("/api/v1/admin/users/" + id + "/suspend", ""));
        assertEquals("suspended", suspended.get("status"));

        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/v1/users/me").header("Authorization", access)),
                "the unexpired access token stops working with the next request");
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.POST("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))));
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.POST("/api/v1/auth/refresh", Map.of("refresh_token", tokens.get("refresh_token")))));

        asAdmin(HttpRequest.POST("/api/v1/admin/users/" + id + "/reinstate", ""));
        assertEquals(HttpStatus.OK, status(HttpRequest.GET("/api/v1/users/me").header("Authorization", access)));

        List<Document> audit = database.getCollection("user_audit_logs").find(Filters.eq("user_id", new ObjectId(id))).into(new ArrayList<>());
        Document suspension = audit.stream().filter(entry -> entry.getString("action").equals("user.suspended")).findFirst().orElseThrow();
        assertEquals(adminId, suspension.getString("actor"));
        assertEquals("admin", suspension.getString("actor_role"));
        assertEquals(List.of("status"), suspension.getList("changed_fields", String.class));
        assertTrue(audit.stream().anyMatch(entry -> entry.getString("action").equals("user.reinstated")));

        Map<String, Object> history = asAdmin(HttpRequest.GET("/api/v1/admin/users/" + id + "/audit?limit=2"));
        List<?> items = (List<?>) history.get("items");
        assertEquals("user.reinstated", ((Map<?, ?>) items.get(0)).get("action"));
        assertEquals("user.suspended", ((Map<?, ?>) items.get(1)).get("action"));
        assertEquals("admin", ((Map<?, ?>) items.get(1)).get("actor_role"));
        Map<String, Object> rest = asAdmin(HttpRequest.GET("/api/v1/admin/users/" + id + "/audit?limit=2&cursor=" + history.get("next_cursor")));
        // Registration also gave the account its referral code (docs/referrals.md).
        assertEquals(List.of("referral.code_assigned", "user.registered"), ((List<?>) rest.get("items")).stream()
                .map(item -> ((Map<?, ?>) item).get("action")).toList());
        assertNull(rest.get("next_cursor"));
    }

    @Test
    void anApiKeyWorksUntilRevokedAndItsSecretIsNeverStored() {
        String playerId = register(unique("gamer"));
        Map<String, Object> created = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/api-keys",
                Map.of("name", "eu-table-1", "scopes", List.of("users:read"))).header("Authorization", admin), Argument.mapOf(String.class, Object.class));
        String credential = (String) created.get("api_key");
        String keyId = (String) created.get("id");
        assertTrue(credential.startsWith(keyId + "."));
        String secret = credential.substring(credential.indexOf('.') + 1);

        Map<?, ?> profile = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/" + playerId)
                .header("Authorization", "ApiKey " + credential), Map.class);
        assertEquals(Set.of("id", "username", "status", "is_comp_player", "premium"), profile.keySet(),
                "no personal data for game servers");
        assertEquals(false, profile.get("premium"));

        Document stored = database.getCollection("api_keys").find(Filters.eq("_id", keyId)).first();
        assertFalse(stored.toJson().contains(secret), "only a keyed hash of the secret is stored");
        assertEquals(adminId, stored.getString("created_by"));
        String listing = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/api-keys").header("Authorization", admin));
        assertTrue(listing.contains(keyId));
        assertFalse(listing.contains(secret) || listing.contains("secret_hash"), "listings carry no secrets");

        assertEquals(HttpStatus.NO_CONTENT, status(HttpRequest.DELETE("/api/v1/admin/api-keys/" + keyId).header("Authorization", admin)));
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/v1/users/" + playerId).header("Authorization", "ApiKey " + credential)),
                "a revoked key fails with the next request");
        assertEquals(HttpStatus.NO_CONTENT, status(HttpRequest.DELETE("/api/v1/admin/api-keys/" + keyId).header("Authorization", admin)),
                "revoking twice is fine");
        assertEquals(HttpStatus.NOT_FOUND, status(HttpRequest.DELETE("/api/v1/admin/api-keys/pbk_000000000000000000000000").header("Authorization", admin)));
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/v1/users/" + playerId)
                .header("Authorization", "ApiKey " + keyId + "." + secret.substring(1) + "A")), "a wrong secret fails");
    }

    @Test
    void staffRolesTakeEffectWithTheNextRequestBothWays() {
        String name = unique("sue");
        String id = register(name);
        String token = "Bearer " + logIn(name).get("access_token");
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/admin/users").header("Authorization", token)));

        Map<String, Object> granted = asAdmin(HttpRequest.PUT("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("support"))));
        assertEquals(List.of("player", "support"), granted.get("roles"));
        assertEquals(HttpStatus.OK, status(HttpRequest.GET("/api/v1/admin/users").header("Authorization", token)),
                "the token issued before the grant now carries it");
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/v1/admin/users/" + id + "/suspend", "").header("Authorization", token)),
                "support reads only");

        asAdmin(HttpRequest.PUT("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of())));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/admin/users").header("Authorization", token)),
                "and a removed role is gone although the token was issued with it");

        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(HttpRequest.POST("/api/v1/admin/users/" + adminId + "/suspend", "")
                .header("Authorization", admin)), "no admin can suspend themselves");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(HttpRequest.PUT("/api/v1/admin/users/" + adminId + "/roles",
                Map.of("roles", List.of())).header("Authorization", admin)));
    }

    @Test
    void theStaffListingFiltersThroughBlindIndexesAndPagesByCursor() {
        String tag = unique("lst");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(register(tag + i));
        }
        Map<String, Object> byEmail = asAdmin(HttpRequest.GET("/api/v1/admin/users?email=" + (tag + "1").toUpperCase() + "%40EXAMPLE.com"));
        List<?> items = (List<?>) byEmail.get("items");
        assertEquals(1, items.size());
        assertEquals(created.get(1), ((Map<?, ?>) items.get(0)).get("id"));
        assertEquals(tag + "1@example.com", ((Map<?, ?>) items.get(0)).get("email"), "staff see the decrypted email");

        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        do {
            Map<String, Object> page = asAdmin(HttpRequest.GET("/api/v1/admin/users?is_comp_player=false&status=active&limit=2&cursor=" + cursor));
            for (Object item : (List<?>) page.get("items")) {
                assertTrue(seen.add((String) ((Map<?, ?>) item).get("id")), "no user twice");
                assertEquals(false, ((Map<?, ?>) item).get("is_comp_player"));
            }
            cursor = page.get("next_cursor") == null ? null : (String) page.get("next_cursor");
            pages++;
        } while (cursor != null && pages < 1000);
        assertTrue(seen.containsAll(created));
        assertEquals(5, ((List<?>) asAdmin(HttpRequest.GET("/api/v1/admin/users?is_comp_player=true")).get("items")).size());
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.GET("/api/v1/admin/users?status=frozen").header("Authorization", admin)));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.GET("/api/v1/admin/users?cursor=nonsense").header("Authorization", admin)));
        Map<String, Object> one = asAdmin(HttpRequest.GET("/api/v1/admin/users/" + created.get(0)));
        assertNotNull(one.get("modules"), "the detail view is the full account");
        assertEquals(HttpStatus.NOT_FOUND, status(HttpRequest.GET("/api/v1/admin/users/650000000000000000000000").header("Authorization", admin)));
    }
}

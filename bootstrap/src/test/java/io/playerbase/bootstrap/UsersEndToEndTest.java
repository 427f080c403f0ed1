package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole service over real HTTP, on the embedded in-memory store with fresh setup applied. */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class UsersEndToEndTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    MongoDatabase database;

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> register(String email, String username, String password) {
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", email, "username", username, "password", password)), Map.class);
        assertEquals(HttpStatus.CREATED, response.getStatus());
        return response.body();
    }

    private Map<String, Object> logIn(String login, String password) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", login, "password", password)), Argument.mapOf(String.class, Object.class));
    }

    private HttpStatus statusOf(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    @Test
    void aNewPlayerRegistersLogsInAndReadsTheirProfile() {
        String name = unique("ann");
        Map<String, Object> created = register(name + "@Example.com", name, "correct horse battery");
        assertEquals("active", created.get("status"));
        assertEquals(false, created.get("is_comp_player"));
        Map<?, ?> modules = (Map<?, ?>) created.get("modules");
        assertEquals(Set.of("wallet", "subscription", "referrals", "in_app_purchases", "dutch_game"), modules.keySet());
        assertEquals(0, ((Map<?, ?>) modules.get("wallet")).get("balance"));
        assertEquals(100, ((Map<?, ?>) modules.get("dutch_game")).get("coins"));

        Map<String, Object> tokens = logIn(name.toUpperCase() + "@example.com", "correct horse battery");
        assertEquals("Bearer", tokens.get("token_type"));
        Map<?, ?> me = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me")
                .bearerAuth((String) tokens.get("access_token")), Map.class);
        assertEquals(created.get("id"), me.get("id"));
        assertEquals(name + "@Example.com", me.get("email"));
        assertEquals(logIn(name, "correct horse battery").get("token_type"), "Bearer");
    }

    @Test
    void duplicatesAreConflictsAndWrongCredentialsAre401() {
        String name = unique("bob");
        register(name + "@example.com", name, "correct horse battery");
        HttpClientResponseException email = assertThrows(HttpClientResponseException.class, () -> register(
                " " + name.toUpperCase() + "@EXAMPLE.com", unique("other"), "correct horse battery"));
        assertEquals(HttpStatus.CONFLICT, email.getStatus());
        HttpClientResponseException username = assertThrows(HttpClientResponseException.class, () -> register(
                unique("x") + "@example.com", name.toUpperCase(), "correct horse battery"));
        assertEquals(HttpStatus.CONFLICT, username.getStatus());
        HttpClientResponseException wrong = assertThrows(HttpClientResponseException.class,
                () -> logIn(name, "wrong password!"));
        HttpClientResponseException unknown = assertThrows(HttpClientResponseException.class,
                () -> logIn(unique("nobody"), "correct horse battery"));
        assertEquals(HttpStatus.UNAUTHORIZED, wrong.getStatus());
        assertEquals(wrong.getResponse().getBody(Map.class).map(body -> body.get("type")),
                unknown.getResponse().getBody(Map.class).map(body -> body.get("type")));
        assertEquals(1, database.getCollection("users").countDocuments(Filters.eq("username", name)));
    }

    @Test
    void profileAndPasswordChangesAreStoredEncryptedAndAudited() {
        String name = unique("cat");
        String id = (String) register(name + "@example.com", name, "correct horse battery").get("id");
        Map<String, Object> tokens = logIn(name, "correct horse battery");
        String access = (String) tokens.get("access_token");

        Map<?, ?> updated = http.toBlocking().retrieve(HttpRequest.PATCH("/api/v1/users/me",
                Map.of("phone", "+33 6 12 34 56 78", "address", "1 rue de la Paix, Paris")).bearerAuth(access), Map.class);
        assertEquals("+33 6 12 34 56 78", updated.get("phone"));

        assertEquals(HttpStatus.NO_CONTENT, statusOf(HttpRequest.POST("/api/v1/users/me/password",
                Map.of("current_password", "correct horse battery", "new_password", "new password 2026")).bearerAuth(access)));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.POST("/api/v1/auth/refresh",
                Map.of("refresh_token", tokens.get("refresh_token")))), "a password change ends earlier sessions");
        assertNotNull(logIn(name, "new password 2026").get("access_token"));

        Document raw = database.getCollection("users").find(Filters.eq("_id", new ObjectId(id))).first();
        String json = raw.toJson();
        assertFalse(json.contains(name + "@example.com"), "no plaintext email in the database");
        assertFalse(json.contains("12 34 56 78"), "no plaintext phone in the database");
        assertFalse(json.contains("Paix"), "no plaintext address in the database");
        assertTrue(raw.getString("email").startsWith("pb1:"));
        assertTrue(raw.getString("password_hash").startsWith("$argon2id$"));
        assertTrue(String.valueOf(((Document) ((Document) raw.get("modules")).get("wallet")).get("balance")).startsWith("pb1:"));
        assertTrue(raw.getList("pending_audit", Document.class, List.of()).isEmpty(), "audit outbox drained");

        List<Document> audit = database.getCollection("user_audit_logs")
                .find(Filters.eq("user_id", new ObjectId(id))).into(new ArrayList<>());
        List<String> actions = audit.stream().map(entry -> entry.getString("action")).sorted().toList();
        assertEquals(List.of("referral.code_assigned", "user.password_changed", "user.profile_updated", "user.registered"), actions);
        Document profile = audit.stream().filter(entry -> entry.getString("action").equals("user.profile_updated")).findFirst().orElseThrow();
        assertEquals(List.of("phone", "address"), profile.getList("changed_fields", String.class));
        assertEquals(id, profile.getString("actor"));
        assertNotNull(profile.getString("request_id"));
        assertFalse(audit.toString().contains("12 34 56 78"), "no values in the audit log");
    }

    @Test
    void freshSetupCreatedTheComputerPlayersAndTheRegistry() {
        List<Document> bots = database.getCollection("users").find(Filters.eq("is_comp_player", true)).into(new ArrayList<>());
        assertEquals(Set.of("alex.morris87", "lena_kay", "jordanrivers", "samuel.b", "nina_holt"),
                Set.copyOf(bots.stream().map(bot -> bot.getString("username")).toList()));
        for (Document bot : bots) {
            assertEquals(1000, ((Number) ((Document) ((Document) bot.get("modules")).get("dutch_game")).get("coins")).intValue());
            assertEquals(5, ((Document) bot.get("modules")).size());
            assertTrue(bot.getString("email").startsWith("pb1:"));
        }
        assertEquals(5, database.getCollection("user_modules").countDocuments());
    }

    @Test
    void operationsEndpointsAnswer() {
        Map<?, ?> health = http.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class);
        assertEquals("UP", health.get("status"), health.toString());
        String detail = health.toString();
        assertTrue(detail.contains("mongodb") && detail.contains("migrations"), detail);
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/health/readiness")));
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/health/liveness")));
        Map<?, ?> info = http.toBlocking().retrieve(HttpRequest.GET("/info"), Map.class);
        assertTrue(info.toString().contains("version"), info.toString());
        String prometheus = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
        assertTrue(prometheus.contains("jvm_memory_used_bytes"), "prometheus text format");
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/metrics")));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/loggers")), "loggers are for admins");
        String openApi = http.toBlocking().retrieve(HttpRequest.GET("/swagger/playerbase-v1.yml"));
        assertTrue(openApi.contains("/api/v1/auth/register") && openApi.contains("/api/v1/users/me"));
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/swagger-ui/index.html")));
        assertEquals(HttpStatus.NOT_FOUND, statusOf(HttpRequest.GET("/env")), "/env is off");
    }
}

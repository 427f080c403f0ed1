package io.playerbase.bootstrap;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may call what: every endpoint of the service × every kind of principal, over real HTTP against
 * the embedded store, each cell a test of its own. The whole contract is the table below; a route the
 * table lacks fails {@link #everyRouteOfTheServiceIsInTheMatrix}, so no endpoint ships without a row.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixEndToEndTest {

    /*
     * Principals (columns):
     *   anonymous   no credentials
     *   player      pat, a player; {pat} in a path is pat's id
     *   other       oli, another player, acting on pat's data where a path names {pat}
     *   gs          an API key without scopes; gs:mw / gs:cpr / gs:ur with matches:write / comp-players:read / users:read
     *   support     a support account;  admin  an admin account
     * {tom} is a player staff act on; {key} a fresh API key for each request.
     * {product} and {purchase} name none (404 shows who got through). The test store is off here, so a
     * claim and a mint answer 422 test-store-disabled; no store verifier is configured, so the store
     * notification endpoints answer 422 store-not-enabled to whoever calls (they take no credentials).
     * Nobody grants {tom} premium, so revoking his grants is 422 no-active-grant for whoever gets through.
     */
    private static final String MATRIX = """
            endpoint                                  | anonymous | player | other | gs  | gs:mw | gs:cpr | gs:ur | support | admin
            POST   /api/v1/auth/register              | 201       | 201    | 201   | 201 | 201   | 201    | 201   | 201     | 201
            POST   /api/v1/auth/login                 | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            POST   /api/v1/auth/refresh               | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /api/v1/users/me                   | 401       | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            PATCH  /api/v1/users/me                   | 401       | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            POST   /api/v1/users/me/password          | 401       | 204    | 204   | 403 | 403   | 403    | 403   | 204     | 204
            DELETE /api/v1/users/me                   | 401       | 422    | 422   | 403 | 403   | 403    | 403   | 422     | 422
            GET    /api/v1/users/me/wallet            | 401       | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/users/me/wallet/transactions | 401     | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/wallet   | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/wallet/transactions | 401 | 403 | 403 | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/wallet/reconcile | 401   | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            POST   /api/v1/admin/users/{pat}/wallet/credits | 401     | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            POST   /api/v1/admin/users/{pat}/wallet/debits | 401      | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 422
            POST   /api/v1/admin/users/{pat}/wallet/reversals | 401   | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 404
            GET    /api/v1/users/{pat}                | 401       | 403    | 403   | 403 | 403   | 403    | 200   | 200     | 200
            GET    /api/v1/admin/users                | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            POST   /api/v1/admin/users/search         | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/dashboard/registrations | 401    | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/dashboard/matches    | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/dashboard/wallet-volume | 401    | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/dashboard/purchases  | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /console/                          | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /console/js/main.js                | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /api/v1/admin/users/{pat}          | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/audit    | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            POST   /api/v1/admin/users/{tom}/suspend  | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            POST   /api/v1/admin/users/{tom}/reinstate| 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            PUT    /api/v1/admin/users/{tom}/roles    | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            POST   /api/v1/admin/users/{tom}/repair   | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 422
            GET    /api/v1/admin/api-keys             | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            POST   /api/v1/admin/api-keys             | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 201
            DELETE /api/v1/admin/api-keys/{key}       | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 204
            POST   /api/v1/games/dutch/matches        | 401       | 403    | 403   | 403 | 422   | 403    | 403   | 403     | 403
            GET    /api/v1/games/dutch/matches/{match}| 401       | 403    | 403   | 403 | 404   | 403    | 403   | 404     | 404
            GET    /api/v1/games/dutch/players/{pat}/stats | 200  | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /api/v1/games/dutch/leaderboard    | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /api/v1/games/dutch/leaderboard/around/{pat} | 200 | 200 | 200 | 200 | 200   | 200    | 200   | 200     | 200
            GET    /api/v1/games/dutch/comp-players   | 401       | 403    | 403   | 403 | 403   | 200    | 403   | 403     | 403
            POST   /api/v1/admin/comp-players         | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 201
            POST   /api/v1/admin/comp-players/{tom}/suspend | 401 | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 404
            POST   /api/v1/admin/comp-players/{tom}/reinstate | 401 | 403  | 403   | 403 | 403   | 403    | 403   | 403     | 404
            GET    /api/v1/store/products             | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /api/v1/admin/products             | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            POST   /api/v1/admin/products             | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 201
            PUT    /api/v1/admin/products/{product}   | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 404
            POST   /api/v1/admin/products/{product}/deactivate | 401 | 403  | 403   | 403 | 403   | 403    | 403   | 403     | 404
            POST   /api/v1/admin/products/{product}/activate | 401 | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 404
            POST   /api/v1/users/me/purchases         | 401       | 422    | 422   | 403 | 403   | 403    | 403   | 422     | 422
            GET    /api/v1/users/me/purchases         | 401       | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/purchases | 401      | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/purchases/{purchase} | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 404     | 404
            POST   /api/v1/admin/purchases/{purchase}/refund | 401 | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 404
            POST   /api/v1/admin/store/test-receipts  | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 422
            GET    /api/v1/users/me/subscription      | 401       | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/subscription | 401   | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            POST   /api/v1/admin/users/{pat}/subscription/grants | 401 | 403 | 403 | 403 | 403   | 403    | 403   | 403     | 200
            POST   /api/v1/admin/users/{tom}/subscription/revocations | 401 | 403 | 403 | 403 | 403 | 403  | 403   | 403     | 422
            POST   /api/v1/stores/app-store/notifications | 422   | 422    | 422   | 422 | 422   | 422    | 422   | 422     | 422
            POST   /api/v1/stores/google-play/notifications | 422 | 422    | 422   | 422 | 422   | 422    | 422   | 422     | 422
            POST   /api/v1/users/me/referral          | 401       | 404    | 404   | 403 | 403   | 403    | 403   | 404     | 404
            GET    /api/v1/users/me/referrals         | 401       | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/referrals | 401      | 403    | 403   | 403 | 403   | 403    | 403   | 200     | 200
            POST   /api/v1/admin/users/{tom}/referral-code/disable | 401 | 403 | 403 | 403 | 403 | 403    | 403   | 403     | 200
            POST   /api/v1/admin/referrals/{pat}/reversals | 401  | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 404
            GET    /api/v1/users/me/export            | 401       | 200    | 200   | 403 | 403   | 403    | 403   | 200     | 200
            GET    /api/v1/admin/users/{pat}/export   | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            GET    /health                            | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /health/liveness                   | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /health/readiness                  | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /info                              | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /metrics                           | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /metrics/jvm.memory.used           | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /prometheus                        | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /swagger/playerbase-v1.yml         | 200       | 200    | 200   | 200 | 200   | 200    | 200   | 200     | 200
            GET    /loggers                           | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            GET    /loggers/io.playerbase             | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            POST   /loggers/io.playerbase             | 401       | 403    | 403   | 403 | 403   | 403    | 403   | 403     | 200
            """;

    private static final String PASSWORD = "matrix password 2026";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    CreateAdminUseCase createAdmin;
    @Inject
    CreateApiKeyUseCase createApiKey;
    @Inject
    Router router;

    /** A column: how a request is made as this principal. */
    private record Principal(String name, String authorization) {
        <T> MutableHttpRequest<T> sign(MutableHttpRequest<T> request) {
            return authorization == null ? request : request.header("Authorization", authorization);
        }
    }

    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final Map<String, String> ids = new HashMap<>();
    private String adminId;
    private String refreshToken;

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> register(String name) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD)), Argument.mapOf(String.class, Object.class));
    }

    private Map<String, Object> logIn(String login) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login", Map.of("login", login, "password", PASSWORD)),
                Argument.mapOf(String.class, Object.class));
    }

    private String bearer(String login) {
        return "Bearer " + logIn(login).get("access_token");
    }

    private String apiKey(String... scopes) {
        return "ApiKey " + createApiKey.create(new CreateApiKeyUseCase.Command(unique("matrix-"), List.of(scopes), admin())).token();
    }

    private Actor admin() {
        return Actor.staff(new UserId(adminId), Actor.ActorRole.ADMIN, "matrix-setup");
    }

    @BeforeAll
    void principals() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        adminId = createAdmin.create(new CreateAdminUseCase.Command("boss" + suffix + "@example.com", "boss" + suffix, PASSWORD, "matrix")).id();
        for (String name : List.of("pat", "oli", "tom", "lou", "sue")) {
            ids.put(name, (String) register(name + suffix).get("id"));
        }
        http.toBlocking().exchange(HttpRequest.PUT("/api/v1/admin/users/" + ids.get("sue") + "/roles", Map.of("roles", List.of("support")))
                .header("Authorization", bearer("boss" + suffix)));
        refreshToken = (String) logIn("lou" + suffix).get("refresh_token");
        ids.put("lou-login", "lou" + suffix);

        principals.put("anonymous", new Principal("anonymous", null));
        principals.put("player", new Principal("player", bearer("pat" + suffix)));
        principals.put("other", new Principal("other", bearer("oli" + suffix)));
        principals.put("gs", new Principal("gs", apiKey()));
        principals.put("gs:mw", new Principal("gs:mw", apiKey("matches:write")));
        principals.put("gs:cpr", new Principal("gs:cpr", apiKey("comp-players:read")));
        principals.put("gs:ur", new Principal("gs:ur", apiKey("users:read")));
        principals.put("support", new Principal("support", bearer("sue" + suffix)));
        principals.put("admin", new Principal("admin", bearer("boss" + suffix)));
    }

    /** How to make a valid request to each endpoint of the table; the principal only adds its credentials. */
    private Map<String, Function<Principal, MutableHttpRequest<?>>> requests() {
        Map<String, Function<Principal, MutableHttpRequest<?>>> requests = new LinkedHashMap<>();
        requests.put("POST /api/v1/auth/register", p -> { String name = unique("new"); return HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", PASSWORD)); });
        requests.put("POST /api/v1/auth/login", p -> HttpRequest.POST("/api/v1/auth/login", Map.of("login", ids.get("lou-login"), "password", PASSWORD)));
        requests.put("POST /api/v1/auth/refresh", p -> HttpRequest.POST("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken)));
        requests.put("GET /api/v1/users/me", p -> HttpRequest.GET("/api/v1/users/me"));
        requests.put("PATCH /api/v1/users/me", p -> HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", "+1 555 0100")));
        requests.put("POST /api/v1/users/me/password", p -> HttpRequest.POST("/api/v1/users/me/password",
                Map.of("current_password", PASSWORD, "new_password", PASSWORD)));
        requests.put("GET /api/v1/users/{pat}", p -> HttpRequest.GET("/api/v1/users/" + ids.get("pat")));
        // A wrong password proves the caller got past access control without erasing the matrix's accounts.
        requests.put("DELETE /api/v1/users/me", p -> HttpRequest.DELETE("/api/v1/users/me", Map.of("password", "not the password")));
        // Dutch game: reports naming players that do not exist (422) and unknown matches or computer
        // players (404) show who gets past access control without depending on game state.
        requests.put("POST /api/v1/games/dutch/matches", p -> HttpRequest.POST("/api/v1/games/dutch/matches", Map.of(
                "match_id", unique("matrix-match-"), "started_at", "2026-11-22T10:00:00Z", "ended_at", "2026-11-22T10:20:00Z",
                "players", List.of(
                        Map.of("user_id", "650000000000000000000f01", "result", "win", "points", 10, "coins_delta", 0),
                        Map.of("user_id", "650000000000000000000f02", "result", "loss", "points", 0, "coins_delta", 0)))));
        requests.put("GET /api/v1/games/dutch/matches/{match}", p -> HttpRequest.GET(concrete("/api/v1/games/dutch/matches/{match}")));
        requests.put("GET /api/v1/games/dutch/players/{pat}/stats", p -> HttpRequest.GET(concrete("/api/v1/games/dutch/players/{pat}/stats")));
        requests.put("GET /api/v1/games/dutch/leaderboard", p -> HttpRequest.GET("/api/v1/games/dutch/leaderboard?by=points"));
        requests.put("GET /api/v1/games/dutch/leaderboard/around/{pat}",
                p -> HttpRequest.GET(concrete("/api/v1/games/dutch/leaderboard/around/{pat}") + "?by=points"));
        requests.put("GET /api/v1/games/dutch/comp-players", p -> HttpRequest.GET("/api/v1/games/dutch/comp-players?count=2"));
        requests.put("POST /api/v1/admin/comp-players", p -> HttpRequest.POST("/api/v1/admin/comp-players",
                Map.of("username", unique("bot_"))));
        requests.put("POST /api/v1/admin/comp-players/{tom}/suspend",
                p -> HttpRequest.POST(concrete("/api/v1/admin/comp-players/{tom}/suspend"), ""));
        requests.put("POST /api/v1/admin/comp-players/{tom}/reinstate",
                p -> HttpRequest.POST(concrete("/api/v1/admin/comp-players/{tom}/reinstate"), ""));
        requests.put("GET /api/v1/users/me/wallet", p -> HttpRequest.GET("/api/v1/users/me/wallet"));
        requests.put("GET /api/v1/users/me/wallet/transactions", p -> HttpRequest.GET("/api/v1/users/me/wallet/transactions"));
        String wallet = "/api/v1/admin/users/{pat}/wallet";
        requests.put("GET " + wallet, p -> HttpRequest.GET(concrete(wallet)));
        requests.put("GET " + wallet + "/transactions", p -> HttpRequest.GET(concrete(wallet + "/transactions")));
        requests.put("GET " + wallet + "/reconcile", p -> HttpRequest.GET(concrete(wallet + "/reconcile")));
        requests.put("POST " + wallet + "/credits", p -> HttpRequest.POST(concrete(wallet + "/credits"),
                Map.of("amount", 100, "reason", "goodwill")).header("Idempotency-Key", unique("matrix-credit-")));
        // More than any balance: 422 insufficient-funds shows an admin got through, deterministically.
        requests.put("POST " + wallet + "/debits", p -> HttpRequest.POST(concrete(wallet + "/debits"),
                Map.of("amount", 999_999_999, "reason", "correction")).header("Idempotency-Key", unique("matrix-debit-")));
        requests.put("POST " + wallet + "/reversals", p -> HttpRequest.POST(concrete(wallet + "/reversals"),
                Map.of("operation_id", "no-such-operation", "reason", "mistake")).header("Idempotency-Key", unique("matrix-undo-")));
        requests.put("GET /api/v1/admin/users", p -> HttpRequest.GET("/api/v1/admin/users?limit=5"));
        requests.put("POST /api/v1/admin/users/search", p -> HttpRequest.POST("/api/v1/admin/users/search",
                Map.of("status", "active", "limit", 5)));
        for (String series : List.of("registrations", "matches", "wallet-volume", "purchases")) {
            requests.put("GET /api/v1/admin/dashboard/" + series, p -> HttpRequest.GET("/api/v1/admin/dashboard/" + series + "?granularity=day"));
        }
        requests.put("GET /console/", p -> HttpRequest.GET("/console/"));
        requests.put("GET /console/js/main.js", p -> HttpRequest.GET("/console/js/main.js"));
        requests.put("GET /api/v1/admin/users/{pat}", p -> HttpRequest.GET("/api/v1/admin/users/" + ids.get("pat")));
        requests.put("GET /api/v1/admin/users/{pat}/audit", p -> HttpRequest.GET("/api/v1/admin/users/" + ids.get("pat") + "/audit"));
        requests.put("POST /api/v1/admin/users/{tom}/suspend", p -> HttpRequest.POST("/api/v1/admin/users/" + ids.get("tom") + "/suspend", ""));
        requests.put("POST /api/v1/admin/users/{tom}/reinstate", p -> HttpRequest.POST("/api/v1/admin/users/" + ids.get("tom") + "/reinstate", ""));
        requests.put("PUT /api/v1/admin/users/{tom}/roles", p -> HttpRequest.PUT("/api/v1/admin/users/" + ids.get("tom") + "/roles",
                Map.of("roles", List.of())));
        requests.put("POST /api/v1/admin/users/{tom}/repair", p -> HttpRequest.POST("/api/v1/admin/users/" + ids.get("tom")
                + "/repair", Map.of("clear_fields", List.of("address"))));
        requests.put("GET /api/v1/admin/api-keys", p -> HttpRequest.GET("/api/v1/admin/api-keys"));
        requests.put("POST /api/v1/admin/api-keys", p -> HttpRequest.POST("/api/v1/admin/api-keys",
                Map.of("name", unique("made-by-" + p.name() + "-"), "scopes", List.of("users:read"))));
        requests.put("DELETE /api/v1/admin/api-keys/{key}", p -> HttpRequest.DELETE("/api/v1/admin/api-keys/"
                + createApiKey.create(new CreateApiKeyUseCase.Command(unique("doomed-"), List.of(), admin())).key().id()));
        String products = "/api/v1/admin/products";
        requests.put("GET /api/v1/store/products", p -> HttpRequest.GET("/api/v1/store/products"));
        requests.put("GET " + products, p -> HttpRequest.GET(products));
        requests.put("POST " + products, p -> { String id = unique("matrix_"); return HttpRequest.POST(products, Map.of(
                "product_id", id, "title", "Matrix coins", "kind", "credits_pack", "credits", 10, "skus", Map.of("test", id))); });
        requests.put("PUT " + products + "/{product}", p -> HttpRequest.PUT(concrete(products + "/{product}"), Map.of(
                "product_id", "no_such_product", "title", "x", "kind", "credits_pack", "credits", 1,
                "skus", Map.of("test", "no_such_product"))));
        requests.put("POST " + products + "/{product}/deactivate", p -> HttpRequest.POST(concrete(products + "/{product}/deactivate"), ""));
        requests.put("POST " + products + "/{product}/activate", p -> HttpRequest.POST(concrete(products + "/{product}/activate"), ""));
        requests.put("POST /api/v1/users/me/purchases", p -> HttpRequest.POST("/api/v1/users/me/purchases",
                Map.of("store", "test", "receipt", "pbtest1.x.y")).header("Idempotency-Key", unique("matrix-buy-")));
        requests.put("GET /api/v1/users/me/purchases", p -> HttpRequest.GET("/api/v1/users/me/purchases"));
        requests.put("GET /api/v1/admin/users/{pat}/purchases", p -> HttpRequest.GET(concrete("/api/v1/admin/users/{pat}/purchases")));
        requests.put("GET /api/v1/admin/purchases/{purchase}", p -> HttpRequest.GET(concrete("/api/v1/admin/purchases/{purchase}")));
        requests.put("POST /api/v1/admin/purchases/{purchase}/refund", p -> HttpRequest.POST(
                concrete("/api/v1/admin/purchases/{purchase}/refund"), Map.of("reason", "matrix"))
                .header("Idempotency-Key", unique("matrix-refund-")));
        requests.put("POST /api/v1/admin/store/test-receipts", p -> HttpRequest.POST("/api/v1/admin/store/test-receipts",
                Map.of("product_id", "no_such_product")));
        requests.put("GET /api/v1/users/me/subscription", p -> HttpRequest.GET("/api/v1/users/me/subscription"));
        requests.put("GET /api/v1/admin/users/{pat}/subscription", p -> HttpRequest.GET(concrete("/api/v1/admin/users/{pat}/subscription")));
        requests.put("POST /api/v1/admin/users/{pat}/subscription/grants", p -> HttpRequest.POST(
                concrete("/api/v1/admin/users/{pat}/subscription/grants"), Map.of("reason", "goodwill",
                        "expires_at", Instant.now().plus(Duration.ofDays(7)).toString()))
                .header("Idempotency-Key", unique("matrix-grant-")));
        requests.put("POST /api/v1/admin/users/{tom}/subscription/revocations", p -> HttpRequest.POST(
                concrete("/api/v1/admin/users/{tom}/subscription/revocations"), Map.of("reason", "matrix"))
                .header("Idempotency-Key", unique("matrix-revoke-")));
        requests.put("POST /api/v1/stores/app-store/notifications", p -> HttpRequest.POST(
                "/api/v1/stores/app-store/notifications", Map.of("signedPayload", "a.b.c")));
        requests.put("POST /api/v1/stores/google-play/notifications", p -> HttpRequest.POST(
                "/api/v1/stores/google-play/notifications", Map.of("message", Map.of("data", "e30=", "messageId", "1"))));
        // An unknown code (404) shows who got through without linking anyone; pat has no referral to reverse (404).
        requests.put("POST /api/v1/users/me/referral", p -> HttpRequest.POST("/api/v1/users/me/referral", Map.of("code", "NOSUCH22")));
        requests.put("GET /api/v1/users/me/referrals", p -> HttpRequest.GET("/api/v1/users/me/referrals"));
        requests.put("GET /api/v1/admin/users/{pat}/referrals", p -> HttpRequest.GET(concrete("/api/v1/admin/users/{pat}/referrals")));
        requests.put("POST /api/v1/admin/users/{tom}/referral-code/disable",
                p -> HttpRequest.POST(concrete("/api/v1/admin/users/{tom}/referral-code/disable"), ""));
        requests.put("POST /api/v1/admin/referrals/{pat}/reversals", p -> HttpRequest.POST(concrete("/api/v1/admin/referrals/{pat}/reversals"),
                Map.of("side", "referrer", "reason", "fraud")).header("Idempotency-Key", unique("matrix-referral-")));
        requests.put("GET /api/v1/users/me/export", p -> HttpRequest.GET("/api/v1/users/me/export"));
        requests.put("GET /api/v1/admin/users/{pat}/export", p -> HttpRequest.GET(concrete("/api/v1/admin/users/{pat}/export")
                + "?reason=support_case"));
        for (String path : List.of("/health", "/health/liveness", "/health/readiness", "/info", "/metrics", "/metrics/jvm.memory.used",
                "/prometheus", "/swagger/playerbase-v1.yml", "/loggers", "/loggers/io.playerbase")) {
            requests.put("GET " + path, p -> HttpRequest.GET(path));
        }
        requests.put("POST /loggers/io.playerbase", p -> HttpRequest.POST("/loggers/io.playerbase", Map.of("configuredLevel", "INFO")));
        return requests;
    }

    private record Cell(String endpoint, String principal, int status) {
    }

    private static List<Cell> cells() {
        List<String> lines = MATRIX.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> header = columns(lines.get(0));
        List<Cell> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = columns(line);
            String endpoint = String.join(" ", row.get(0).split("\\s+"));
            for (int column = 1; column < header.size(); column++) {
                cells.add(new Cell(endpoint, header.get(column), Integer.parseInt(row.get(column))));
            }
        }
        return cells;
    }

    private static List<String> columns(String line) {
        return Arrays.stream(line.split("\\|")).map(String::strip).toList();
    }

    private int statusOf(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class)).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @TestFactory
    List<DynamicTest> everyEndpointForEveryPrincipal() {
        Map<String, Function<Principal, MutableHttpRequest<?>>> requests = requests();
        return cells().stream().map(cell -> DynamicTest.dynamicTest(cell.endpoint() + " as " + cell.principal() + " → " + cell.status(), () -> {
            Principal principal = principals.get(cell.principal());
            Function<Principal, MutableHttpRequest<?>> request = requests.get(cell.endpoint());
            assertEquals(true, principal != null && request != null, "unknown principal or endpoint in the table: " + cell);
            assertEquals(cell.status(), statusOf(principal.sign(request.apply(principal))), cell.toString());
        })).toList();
    }

    @Test
    void theTableHasAColumnForEveryPrincipalAndARequestForEveryRow() {
        List<Cell> cells = cells();
        assertEquals(principals.keySet(), cells.stream().map(Cell::principal).collect(Collectors.toCollection(LinkedHashSet::new)));
        assertEquals(requests().keySet(), cells.stream().map(Cell::endpoint).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /**
     * Every route the router knows (controllers and management endpoints) has at least one row. HEAD
     * routes are the GET methods answered without a body, under the same rules, so a GET row covers them.
     */
    @Test
    void everyRouteOfTheServiceIsInTheMatrix() {
        Set<String> routes = router.uriRoutes()
                .map(route -> (route.getHttpMethod() == HttpMethod.HEAD ? "GET" : route.getHttpMethod().name())
                        + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = new TreeSet<>();
        for (String endpoint : requests().keySet()) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            router.uriRoutes()
                    .filter(route -> route.getHttpMethod().name().equals(method) && route.match(concrete(path)).isPresent())
                    .forEach(route -> covered.add(route.getHttpMethod() + " " + route.getUriMatchTemplate().toPathString()));
        }
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "routes without a row in the access matrix");
    }

    private String concrete(String path) {
        return path.replace("{pat}", ids.getOrDefault("pat", "650000000000000000000001"))
                .replace("{tom}", ids.getOrDefault("tom", "650000000000000000000001"))
                .replace("{key}", "pbk_650000000000000000000001")
                .replace("{match}", "no-such-match")
                .replace("{product}", "no_such_product")
                .replace("{purchase}", "650000000000000000000abc");
    }
}

package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.micronaut.http.HttpMethod;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile client's corpus over every operation of the API: wrongly typed values, trailing content,
 * invalid text, bad headers, paths and query values, bodies without a JSON content type, and requests
 * that are well-formed but refused (taken names). Each case must get its own clear 4xx problem and
 * leave every collection exactly as it was (the documents of every collection are digested before
 * and after each case).
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrictInputEndToEndTest {

    private static final String PASSWORD = "strict password 2026";
    /**
     * Written by design whatever a request's outcome: rate-limit counters count attempts (refused ones
     * above all), background jobs renew their leases on their own schedule, and the leaderboards' ranking
     * pass rewrites its marks every minute. None holds data.
     */
    private static final Set<String> BOOKKEEPING = Set.of("rate_limit_counters", "leases", "dutch_rankings");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"urn:playerbase:problem:([a-z-]+)\"");

    @Inject
    EmbeddedServer server;
    @Inject
    MongoDatabase database;
    @Inject
    CreateAdminUseCase createAdmin;
    @Inject
    CreateApiKeyUseCase createApiKey;
    @Inject
    Router router;
    @Inject
    JsonMapper jsonMapper;

    private final Map<String, String> ids = new LinkedHashMap<>();
    private String admin;
    private String player;
    private String gameServer;
    private String refreshToken;
    private String suffix;
    private String ownCode;

    /** One request of the corpus and the problem it must get. {@code field} null: no field is asserted. */
    private record Case(String operation, String name, String method, String path, String authorization,
                        String contentType, byte[] body, Map<String, String> headers, int status, String type, String field) {
        @Override
        public String toString() {
            return operation + " — " + name;
        }
    }

    private RawHttp.Response send(String method, String path, String authorization, String contentType, byte[] body,
                                  Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return RawHttp.send(server.getPort(), head.toString(), body);
    }

    private String json(String method, String path, String authorization, String body) {
        RawHttp.Response response = send(method, path, authorization, "application/json", RawHttp.utf8(body), Map.of());
        assertTrue(response.status() < 300, () -> method + " " + path + ": " + response.status() + " " + response.body());
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(matcher.find(), () -> name + " in " + json);
        return matcher.group(1);
    }

    private String register(String name) {
        return field(json("POST", "/api/v1/auth/register", null, """
                {"email":"%s@example.com","username":"%s","password":"%s"}""".formatted(name, name, PASSWORD)), "id");
    }

    private String bearer(String login) {
        return "Bearer " + field(json("POST", "/api/v1/auth/login", null, """
                {"login":"%s","password":"%s"}""".formatted(login, PASSWORD)), "access_token");
    }

    @BeforeAll
    void accounts() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        String adminId = createAdmin.create(new CreateAdminUseCase.Command("chief" + suffix + "@example.com", "chief" + suffix,
                PASSWORD, "strict-input")).id();
        admin = bearer("chief" + suffix);
        ids.put("pat", register("pat" + suffix));
        ids.put("tom", register("tom" + suffix));
        player = bearer("pat" + suffix);
        ownCode = field(send("GET", "/api/v1/users/me/referrals", player, null, null, Map.of()).body(), "referral_code");
        refreshToken = field(json("POST", "/api/v1/auth/login", null, """
                {"login":"tom%s","password":"%s"}""".formatted(suffix, PASSWORD)), "refresh_token");
        gameServer = "ApiKey " + createApiKey.create(new CreateApiKeyUseCase.Command("strict-" + suffix,
                List.of("matches:write", "comp-players:read", "users:read"),
                Actor.staff(new UserId(adminId), Actor.ActorRole.ADMIN, "strict-input"))).token();
        ids.put("robo", field(json("POST", "/api/v1/admin/comp-players", admin, """
                {"username":"robo%s"}""".formatted(suffix)), "user_id"));
    }

    // ---- the corpus ----

    /** A body operation: a valid body and what kind of value each top-level field takes (S string, I integer, T instant, L list of strings). */
    private record BodyOperation(String operation, String method, String path, String authorization, Map<String, String> valid,
                                 Map<String, Character> kinds) {
    }

    private List<BodyOperation> bodyOperations() {
        String pat = ids.get("pat");
        String tom = ids.get("tom");
        String players = "[{\"user_id\":\"" + pat + "\",\"result\":\"win\",\"points\":10,\"coins_delta\":0},"
                + "{\"user_id\":\"" + tom + "\",\"result\":\"loss\",\"points\":0,\"coins_delta\":0}]";
        List<BodyOperation> operations = new ArrayList<>();
        operations.add(new BodyOperation("POST /api/v1/auth/register", "POST", "/api/v1/auth/register", null,
                values("email", "\"new" + suffix + "@example.com\"", "username", "\"new" + suffix + "\"", "password", "\"" + PASSWORD + "\"",
                        "referral_code", "\"NOSUCH22\""),
                kinds("email", 'S', "username", 'S', "password", 'S', "referral_code", 'S')));
        operations.add(new BodyOperation("POST /api/v1/auth/login", "POST", "/api/v1/auth/login", null,
                values("login", "\"pat" + suffix + "\"", "password", "\"" + PASSWORD + "\""), kinds("login", 'S', "password", 'S')));
        operations.add(new BodyOperation("POST /api/v1/auth/refresh", "POST", "/api/v1/auth/refresh", null,
                values("refresh_token", "\"" + refreshToken + "\""), kinds("refresh_token", 'S')));
        operations.add(new BodyOperation("PATCH /api/v1/users/me", "PATCH", "/api/v1/users/me", player,
                values("username", "\"pat" + suffix + "\"", "phone", "\"+1 555 0100\"", "address", "\"1 Main Street\""),
                kinds("username", 'S', "phone", 'S', "address", 'S')));
        operations.add(new BodyOperation("POST /api/v1/users/me/password", "POST", "/api/v1/users/me/password", player,
                values("current_password", "\"" + PASSWORD + "\"", "new_password", "\"another password 2026\""),
                kinds("current_password", 'S', "new_password", 'S')));
        operations.add(new BodyOperation("DELETE /api/v1/users/me", "DELETE", "/api/v1/users/me", player,
                values("password", "\"" + PASSWORD + "\""), kinds("password", 'S')));
        for (String movement : List.of("credits", "debits")) {
            operations.add(new BodyOperation("POST /api/v1/admin/users/{id}/wallet/" + movement, "POST",
                    "/api/v1/admin/users/" + pat + "/wallet/" + movement, admin,
                    values("amount", "5", "reason", "\"goodwill\"", "description", "\"Sorry\""),
                    kinds("amount", 'I', "reason", 'S', "description", 'S')));
        }
        operations.add(new BodyOperation("POST /api/v1/admin/users/{id}/wallet/reversals", "POST",
                "/api/v1/admin/users/" + pat + "/wallet/reversals", admin,
                values("operation_id", "\"api:x:y\"", "reason", "\"correction\"", "description", "\"Oops\""),
                kinds("operation_id", 'S', "reason", 'S', "description", 'S')));
        operations.add(new BodyOperation("PUT /api/v1/admin/users/{id}/roles", "PUT", "/api/v1/admin/users/" + tom + "/roles", admin,
                values("roles", "[\"support\"]"), kinds("roles", 'L')));
        operations.add(new BodyOperation("POST /api/v1/admin/api-keys", "POST", "/api/v1/admin/api-keys", admin,
                values("name", "\"key " + suffix + "\"", "scopes", "[\"users:read\"]"), kinds("name", 'S', "scopes", 'L')));
        operations.add(new BodyOperation("POST /api/v1/games/dutch/matches", "POST", "/api/v1/games/dutch/matches", gameServer,
                values("match_id", "\"m-" + suffix + "\"", "started_at", "\"2026-11-22T10:00:00Z\"", "ended_at", "\"2026-11-22T10:20:00Z\"",
                        "players", players),
                kinds("match_id", 'S', "started_at", 'T', "ended_at", 'T')));
        operations.add(new BodyOperation("POST /api/v1/admin/users/search", "POST", "/api/v1/admin/users/search", admin,
                values("username", "\"pat" + suffix + "\"", "status", "\"active\"", "is_comp_player", "false", "limit", "10"),
                kinds("username", 'S', "status", 'S', "is_comp_player", 'B', "limit", 'I')));
        operations.add(new BodyOperation("POST /api/v1/admin/comp-players", "POST", "/api/v1/admin/comp-players", admin,
                values("username", "\"robot" + suffix + "\""), kinds("username", 'S')));
        operations.add(new BodyOperation("POST /api/v1/admin/users/{id}/repair", "POST", "/api/v1/admin/users/" + tom + "/repair", admin,
                values("clear_fields", "[\"address\"]"), kinds("clear_fields", 'L')));
        String product = "\"strict_" + suffix + "\"";
        Map<String, String> productBody = values("product_id", product, "title", "\"Strict coins\"", "kind", "\"credits_pack\"",
                "credits", "500", "skus", "{\"test\":" + product + "}");
        Map<String, Character> productKinds = kinds("product_id", 'S', "title", 'S', "kind", 'S', "credits", 'I');
        operations.add(new BodyOperation("POST /api/v1/admin/products", "POST", "/api/v1/admin/products", admin, productBody, productKinds));
        operations.add(new BodyOperation("PUT /api/v1/admin/products/{productId}", "PUT", "/api/v1/admin/products/strict_" + suffix,
                admin, productBody, productKinds));
        operations.add(new BodyOperation("POST /api/v1/users/me/purchases", "POST", "/api/v1/users/me/purchases", player,
                values("store", "\"test\"", "receipt", "\"not-a-receipt\""), kinds("store", 'S', "receipt", 'S')));
        operations.add(new BodyOperation("POST /api/v1/admin/purchases/{id}/refund", "POST",
                "/api/v1/admin/purchases/650000000000000000000001/refund", admin, values("reason", "\"goodwill\""), kinds("reason", 'S')));
        operations.add(new BodyOperation("POST /api/v1/admin/store/test-receipts", "POST", "/api/v1/admin/store/test-receipts", admin,
                values("product_id", product), kinds("product_id", 'S')));
        operations.add(new BodyOperation("POST /api/v1/admin/users/{id}/subscription/grants", "POST",
                "/api/v1/admin/users/" + tom + "/subscription/grants", admin,
                values("reason", "\"goodwill\"", "expires_at", "\"" + Instant.now().plus(Duration.ofDays(30)) + "\""),
                kinds("reason", 'S', "expires_at", 'T')));
        operations.add(new BodyOperation("POST /api/v1/admin/users/{id}/subscription/revocations", "POST",
                "/api/v1/admin/users/" + tom + "/subscription/revocations", admin, values("reason", "\"mistake\""),
                kinds("reason", 'S')));
        operations.add(new BodyOperation("POST /api/v1/users/me/referral", "POST", "/api/v1/users/me/referral", player,
                values("code", "\"NOSUCH22\""), kinds("code", 'S')));
        operations.add(new BodyOperation("POST /api/v1/admin/referrals/{referralId}/reversals", "POST",
                "/api/v1/admin/referrals/" + pat + "/reversals", admin,
                values("side", "\"referrer\"", "reason", "\"fraud\"", "description", "\"Self-referral\""),
                kinds("side", 'S', "reason", 'S', "description", 'S')));
        return operations;
    }

    private static Map<String, String> values(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private static Map<String, Character> kinds(Object... pairs) {
        Map<String, Character> kinds = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            kinds.put((String) pairs[i], (Character) pairs[i + 1]);
        }
        return kinds;
    }

    private static String object(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String with(Map<String, String> valid, String field, String value) {
        Map<String, String> values = new LinkedHashMap<>(valid);
        values.put(field, value);
        return object(values);
    }

    /** Values of the wrong JSON type, or not valid text, for each kind of field: none may be coerced. */
    private static final Map<Character, List<String>> WRONG = Map.of(
            'S', List.of("123", "true", "[\"x\"]", "{\"a\":\"b\"}", "\"a\\u0000b\"", "\"a\\u0007b\"", "\"a\\ud800b\"", "\"\\udc00\""),
            'I', List.of("2.9", "99.99", "\"5\"", "true", "1e3", "2.0", "[5]", "99999999999999999999"),
            'T', List.of("12345", "\"12345\"", "true", "\"2026-11-22 10:00:00\"", "\"2026-13-01T00:00:00Z\""),
            'B', List.of("\"true\"", "1", "0", "[true]", "\"yes\""),
            'L', List.of("\"support\"", "[1]", "[true]", "[\"a\\u0000\"]", "{}"));

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (BodyOperation op : bodyOperations()) {
            String valid = object(op.valid());
            boolean idempotent = op.path().contains("/wallet/") || op.path().endsWith("/purchases") || op.path().endsWith("/refund")
                    || op.path().contains("/subscription/") || op.path().endsWith("/reversals");
            Map<String, String> headers = idempotent ? Map.of("Idempotency-Key", "strict-" + UUID.randomUUID()) : Map.of();
            op.kinds().forEach((field, kind) -> {
                for (String wrong : WRONG.get(kind)) {
                    cases.add(body(op, field + " = " + wrong, with(op.valid(), field, wrong), headers, 400, "malformed-request", field));
                }
            });
            cases.add(body(op, "trailing garbage", valid + " garbage", headers, 400, "malformed-request", "body"));
            cases.add(body(op, "two concatenated objects", valid + valid, headers, 400, "malformed-request", "body"));
            cases.add(body(op, "trailing comma", valid.substring(0, valid.length() - 1) + ",}", headers, 400, "malformed-request", "body"));
            String first = op.valid().keySet().iterator().next();
            cases.add(body(op, "a field twice", valid.substring(0, valid.length() - 1) + ",\"" + first + "\":" + op.valid().get(first) + "}",
                    headers, 400, "malformed-request", "body"));
            cases.add(body(op, "an unknown field", with(op.valid(), "surprise", "1"), headers, 400, "malformed-request", "surprise"));
            cases.add(body(op, "an array", "[" + valid + "]", headers, 400, "malformed-request", null));
            cases.add(body(op, "null", "null", headers, 400, "malformed-request", null));
            cases.add(body(op, "a string", "\"x\"", headers, 400, "malformed-request", null));
            cases.add(new Case(op.operation(), "invalid UTF-8", op.method(), op.path(), op.authorization(), "application/json",
                    invalidUtf8(valid), headers, 400, "malformed-request", "body"));
            cases.add(new Case(op.operation(), "no Content-Type", op.method(), op.path(), op.authorization(), null,
                    RawHttp.utf8(valid), headers, 415, "unsupported-media-type", null));
            cases.add(new Case(op.operation(), "text/plain", op.method(), op.path(), op.authorization(), "text/plain",
                    RawHttp.utf8(valid), headers, 415, "unsupported-media-type", null));
            cases.add(new Case(op.operation(), "a charset other than UTF-8", op.method(), op.path(), op.authorization(),
                    "application/json; charset=ISO-8859-1", RawHttp.utf8(valid), headers, 415, "unsupported-media-type", null));
        }
        String pat = ids.get("pat");
        String tom = ids.get("tom");
        String robo = ids.get("robo");
        String match = "{\"match_id\":\"m-" + suffix + "\",\"started_at\":%s,\"ended_at\":%s,\"players\":[{\"user_id\":\"" + pat
                + "\",\"result\":\"win\",\"points\":%s,\"coins_delta\":0},{\"user_id\":\"" + tom + "\",\"result\":\"loss\",\"points\":0,\"coins_delta\":0}]}";
        String matches = "POST /api/v1/games/dutch/matches";
        cases.add(matchCase("points 1.5 in a nested line", match.formatted("\"2026-11-22T10:00:00Z\"", "\"2026-11-22T10:20:00Z\"", "1.5"),
                400, "malformed-request", "players[0].points"));
        cases.add(matchCase("points \"10\" in a nested line", match.formatted("\"2026-11-22T10:00:00Z\"", "\"2026-11-22T10:20:00Z\"", "\"10\""),
                400, "malformed-request", "players[0].points"));
        String minCoins = match.formatted("\"2026-11-22T10:00:00Z\"", "\"2026-11-22T10:20:00Z\"", "10")
                .replace("\"coins_delta\":0}", "\"coins_delta\":-9223372036854775808}");
        cases.add(matchCase("coins_delta the one long whose absolute value overflows", minCoins, 400, "invalid-value", "coins_delta"));
        cases.add(matchCase("a year that overflows epoch millis", match.formatted("\"+999999999-12-31T23:59:59Z\"",
                "\"+999999999-12-31T23:59:59Z\"", "10"), 400, "invalid-value", "ended_at"));
        cases.add(matchCase("started before 2000", match.formatted("\"1999-12-31T23:59:59Z\"", "\"2026-11-22T10:20:00Z\"", "10"),
                400, "invalid-value", "started_at"));
        cases.add(matchCase("ended far in the future", match.formatted("\"2026-11-22T10:00:00Z\"", "\"2999-01-01T00:00:00Z\"", "10"),
                400, "invalid-value", "ended_at"));
        cases.add(matchCase("ended before it started", match.formatted("\"2026-11-22T10:20:00Z\"", "\"2026-11-22T10:00:00Z\"", "10"),
                400, "invalid-value", "ended_at"));

        // Requests that are well-formed but refused: nothing may be written for them either.
        String register = "POST /api/v1/auth/register";
        cases.add(new Case(register, "email taken", "POST", "/api/v1/auth/register", null, "application/json", RawHttp.utf8(
                "{\"email\":\"PAT" + suffix + "@example.com\",\"username\":\"fresh" + suffix + "\",\"password\":\"" + PASSWORD + "\"}"),
                Map.of(), 409, "email-taken", null));
        cases.add(new Case(register, "username taken", "POST", "/api/v1/auth/register", null, "application/json", RawHttp.utf8(
                "{\"email\":\"fresh" + suffix + "@example.com\",\"username\":\"Pat" + suffix + "\",\"password\":\"" + PASSWORD + "\"}"),
                Map.of(), 409, "username-taken", null));
        cases.add(new Case(register, "a referral code nobody has", "POST", "/api/v1/auth/register", null, "application/json",
                RawHttp.utf8("{\"email\":\"coded" + suffix + "@example.com\",\"username\":\"coded" + suffix + "\",\"password\":\""
                        + PASSWORD + "\",\"referral_code\":\"NOSUCH22\"}"), Map.of(), 404, "referral-code-unknown", null));
        cases.add(new Case(register, "a referral code that is no code", "POST", "/api/v1/auth/register", null, "application/json",
                RawHttp.utf8("{\"email\":\"coded" + suffix + "@example.com\",\"username\":\"coded" + suffix + "\",\"password\":\""
                        + PASSWORD + "\",\"referral_code\":\"not a code\"}"), Map.of(), 400, "invalid-value", "referral_code"));
        cases.add(new Case("POST /api/v1/users/me/referral", "a code nobody has", "POST", "/api/v1/users/me/referral", player,
                "application/json", RawHttp.utf8("{\"code\":\"NOSUCH22\"}"), Map.of(), 404, "referral-code-unknown", null));
        cases.add(new Case("POST /api/v1/users/me/referral", "the player's own code", "POST", "/api/v1/users/me/referral", player,
                "application/json", RawHttp.utf8("{\"code\":\"" + ownCode + "\"}"), Map.of(), 422, "referral-own-code", null));
        cases.add(new Case("POST /api/v1/users/me/referral", "a code that is no code", "POST", "/api/v1/users/me/referral", player,
                "application/json", RawHttp.utf8("{\"code\":\"no!\"}"), Map.of(), 400, "invalid-value", "code"));
        cases.add(new Case("POST /api/v1/admin/comp-players", "username taken", "POST", "/api/v1/admin/comp-players", admin,
                "application/json", RawHttp.utf8("{\"username\":\"robo" + suffix + "\"}"), Map.of(), 409, "username-taken", null));
        cases.add(new Case("POST /api/v1/admin/comp-players", "username of a player taken", "POST", "/api/v1/admin/comp-players", admin,
                "application/json", RawHttp.utf8("{\"username\":\"tom" + suffix + "\"}"), Map.of(), 409, "username-taken", null));

        // Headers, paths and query values.
        String credits = "/api/v1/admin/users/" + pat + "/wallet/credits";
        byte[] credit = RawHttp.utf8("{\"amount\":5,\"reason\":\"goodwill\"}");
        cases.add(new Case("POST /api/v1/admin/users/{id}/wallet/credits", "no Idempotency-Key", "POST", credits, admin,
                "application/json", credit, Map.of(), 400, "idempotency-key-missing", "Idempotency-Key"));
        cases.add(new Case("POST /api/v1/admin/users/{id}/wallet/credits", "Idempotency-Key with a space", "POST", credits, admin,
                "application/json", credit, Map.of("Idempotency-Key", "two words"), 400, "invalid-value", "Idempotency-Key"));
        cases.add(new Case("POST /api/v1/admin/users/{id}/wallet/credits", "Idempotency-Key of 256 characters", "POST", credits, admin,
                "application/json", credit, Map.of("Idempotency-Key", "k".repeat(256)), 400, "invalid-value", "Idempotency-Key"));
        cases.add(new Case("POST /api/v1/admin/users/{id}/wallet/credits", "Idempotency-Key not ASCII", "POST", credits, admin,
                "application/json", credit, Map.of("Idempotency-Key", "cl\u00e9"), 400, "invalid-value", "Idempotency-Key"));
        cases.add(get("GET /api/v1/users/me", "a token that is not one", "/api/v1/users/me", "Bearer not.a.token", 401, "unauthenticated", null));
        cases.add(get("GET /api/v1/users/me/wallet", "a token that is not one", "/api/v1/users/me/wallet", "Bearer x", 401, "unauthenticated", null));
        cases.add(get("GET /api/v1/users/me/subscription", "a token that is not one", "/api/v1/users/me/subscription", "Bearer x",
                401, "unauthenticated", null));
        String grants = "/api/v1/admin/users/" + tom + "/subscription/grants";
        Map<String, String> grantKey = Map.of("Idempotency-Key", "strict-grant-" + UUID.randomUUID());
        cases.add(new Case("POST /api/v1/admin/users/{id}/subscription/grants", "expires_at in the past", "POST", grants, admin,
                "application/json", RawHttp.utf8("{\"reason\":\"goodwill\",\"expires_at\":\"2020-01-01T00:00:00Z\"}"), grantKey,
                400, "invalid-value", "expires_at"));
        cases.add(new Case("POST /api/v1/admin/users/{id}/subscription/grants", "expires_at ten years ahead", "POST", grants, admin,
                "application/json", RawHttp.utf8("{\"reason\":\"goodwill\",\"expires_at\":\"" + Instant.now().plus(Duration.ofDays(3660))
                + "\"}"), grantKey, 400, "invalid-value", "expires_at"));
        cases.add(new Case("POST /api/v1/admin/users/{id}/subscription/grants", "a reason that is no code", "POST", grants, admin,
                "application/json", RawHttp.utf8("{\"reason\":\"Good Will!\",\"expires_at\":\"" + Instant.now().plus(Duration.ofDays(3))
                + "\"}"), grantKey, 400, "invalid-value", "reason"));
        cases.add(new Case("POST /api/v1/admin/users/{id}/subscription/grants", "no Idempotency-Key", "POST", grants, admin,
                "application/json", RawHttp.utf8("{\"reason\":\"goodwill\",\"expires_at\":\"" + Instant.now().plus(Duration.ofDays(3))
                + "\"}"), Map.of(), 400, "idempotency-key-missing", "Idempotency-Key"));
        for (String limit : List.of("1.5", "abc", "0", "101", "1e1")) {
            cases.add(get("GET /api/v1/users/me/wallet/transactions", "limit=" + limit, "/api/v1/users/me/wallet/transactions?limit=" + limit,
                    player, 400, "invalid-value", "limit"));
        }
        cases.add(get("GET /api/v1/users/me/wallet/transactions", "a cursor not handed out", "/api/v1/users/me/wallet/transactions?cursor=nope",
                player, 400, "invalid-value", "cursor"));
        for (String template : List.of("/api/v1/admin/users/%s/wallet", "/api/v1/admin/users/%s/wallet/transactions",
                "/api/v1/admin/users/%s/wallet/reconcile", "/api/v1/admin/users/%s", "/api/v1/admin/users/%s/audit",
                "/api/v1/admin/users/%s/subscription")) {
            String operation = "GET " + template.replace("%s", "{id}");
            cases.add(get(operation, "an id that is not one", template.formatted("not-an-id"), admin, 400, "invalid-value", "user_id"));
            cases.add(get(operation, "a malformed percent-encoding", template.formatted("%zz"), admin, 400, "malformed-request", null));
        }
        cases.add(get("GET /api/v1/admin/users/{id}/wallet/transactions", "limit=2.5", "/api/v1/admin/users/" + pat + "/wallet/transactions?limit=2.5",
                admin, 400, "invalid-value", "limit"));
        cases.add(get("GET /api/v1/admin/users/{id}/audit", "limit=x", "/api/v1/admin/users/" + pat + "/audit?limit=x", admin, 400, "invalid-value", "limit"));
        cases.add(get("GET /api/v1/users/{id}", "an id that is not one", "/api/v1/users/zzz", gameServer, 400, "invalid-value", "user_id"));
        cases.add(get("GET /api/v1/admin/users", "is_comp_player=maybe", "/api/v1/admin/users?is_comp_player=maybe", admin,
                400, "invalid-value", "is_comp_player"));
        cases.add(get("GET /api/v1/admin/users", "is_comp_player=1", "/api/v1/admin/users?is_comp_player=1", admin,
                400, "invalid-value", "is_comp_player"));
        cases.add(get("GET /api/v1/admin/users", "status=nope", "/api/v1/admin/users?status=nope", admin, 400, "invalid-value", "status"));
        cases.add(get("GET /api/v1/admin/users", "limit=1.0", "/api/v1/admin/users?limit=1.0", admin, 400, "invalid-value", "limit"));
        cases.add(get("GET /api/v1/admin/users", "an email with a NUL", "/api/v1/admin/users?email=a%00@example.com", admin,
                400, "invalid-value", "email"));
        for (String action : List.of("suspend", "reinstate")) {
            cases.add(post("POST /api/v1/admin/users/{id}/" + action, "an id that is not one", "/api/v1/admin/users/nope/" + action,
                    admin, 400, "invalid-value", "user_id"));
            cases.add(post("POST /api/v1/admin/comp-players/{userId}/" + action, "an id that is not one",
                    "/api/v1/admin/comp-players/nope/" + action, admin, 400, "invalid-value", "user_id"));
            cases.add(post("POST /api/v1/admin/comp-players/{userId}/" + action, "a body that is not JSON",
                    "/api/v1/admin/comp-players/" + robo + "/" + action, admin, 415, "unsupported-media-type", null,
                    "text/plain", "hello"));
        }
        cases.add(get("GET /api/v1/admin/api-keys", "limit=abc", "/api/v1/admin/api-keys?limit=abc", admin, 400, "invalid-value", "limit"));
        cases.add(new Case("DELETE /api/v1/admin/api-keys/{id}", "an id that is not one", "DELETE", "/api/v1/admin/api-keys/%zz", admin,
                null, null, Map.of(), 400, "malformed-request", null));
        cases.add(get("GET /api/v1/games/dutch/matches/{matchId}", "a control character", "/api/v1/games/dutch/matches/a%07b", gameServer,
                400, "invalid-value", "match_id"));
        cases.add(get("GET /api/v1/games/dutch/players/{userId}/stats", "an id that is not one", "/api/v1/games/dutch/players/nope/stats",
                null, 400, "invalid-value", "user_id"));
        for (String query : List.of("include_comp_players=maybe", "include_comp_players=1", "include_comp_players=TRUE", "by=nope",
                "limit=2.5", "limit=x")) {
            String name = query.substring(0, query.indexOf('='));
            cases.add(get("GET /api/v1/games/dutch/leaderboard", query, "/api/v1/games/dutch/leaderboard?" + query, null,
                    400, "invalid-value", name));
            cases.add(get("GET /api/v1/games/dutch/leaderboard/around/{userId}", query,
                    "/api/v1/games/dutch/leaderboard/around/" + pat + "?" + query.replace("limit", "radius"), null,
                    400, "invalid-value", name.replace("limit", "radius")));
        }
        for (String count : List.of("?count=1.5", "?count=maybe", "?count=", "")) {
            cases.add(get("GET /api/v1/games/dutch/comp-players", "count" + count, "/api/v1/games/dutch/comp-players" + count, gameServer,
                    400, "invalid-value", "count"));
        }
        for (String series : List.of("registrations", "matches", "wallet-volume", "purchases")) {
            String operation = "GET /api/v1/admin/dashboard/" + series;
            String path = "/api/v1/admin/dashboard/" + series;
            cases.add(get(operation, "granularity=week", path + "?granularity=week", admin, 400, "invalid-value", "granularity"));
            cases.add(get(operation, "from as epoch seconds", path + "?from=1764547200&to=1764633600", admin, 400, "invalid-value", "from"));
            cases.add(get(operation, "a control character", path + "?granularity=h%07our", admin, 400, "invalid-value", "granularity"));
        }
        cases.add(get("GET /api/v1/store/products", "limit=0", "/api/v1/store/products?limit=0", null, 400, "invalid-value", "limit"));
        cases.add(get("GET /api/v1/admin/products", "limit=abc", "/api/v1/admin/products?limit=abc", admin, 400, "invalid-value", "limit"));
        cases.add(get("GET /api/v1/users/me/purchases", "limit=1.5", "/api/v1/users/me/purchases?limit=1.5", player,
                400, "invalid-value", "limit"));
        cases.add(get("GET /api/v1/admin/users/{id}/purchases", "an id that is not one", "/api/v1/admin/users/nope/purchases", admin,
                400, "invalid-value", "user_id"));
        cases.add(get("GET /api/v1/admin/purchases/{id}", "an id that is not one", "/api/v1/admin/purchases/nope", admin,
                400, "invalid-value", "purchase_id"));
        for (String action : List.of("activate", "deactivate")) {
            String operation = "POST /api/v1/admin/products/{productId}/" + action;
            cases.add(post(operation, "a product id that is not one", "/api/v1/admin/products/NOPE!/" + action, admin,
                    400, "invalid-value", "product_id"));
            cases.add(post(operation, "a control character", "/api/v1/admin/products/a%07b/" + action, admin,
                    400, "invalid-value", "product_id"));
        }
        for (String store : List.of("app-store", "google-play")) {
            String operation = "POST /api/v1/stores/" + store + "/notifications";
            String path = "/api/v1/stores/" + store + "/notifications";
            cases.add(post(operation, "text/plain", path, null, 415, "unsupported-media-type", null, "text/plain", "{}"));
            cases.add(new Case(operation, "no Content-Type", "POST", path, null, null, RawHttp.utf8("{}"), Map.of(),
                    415, "unsupported-media-type", null));
        }
        cases.add(get("GET /api/v1/users/me/referrals", "limit=1.5", "/api/v1/users/me/referrals?limit=1.5", player,
                400, "invalid-value", "limit"));
        cases.add(get("GET /api/v1/users/me/referrals", "a cursor not handed out", "/api/v1/users/me/referrals?cursor=nope", player,
                400, "invalid-value", "cursor"));
        cases.add(get("GET /api/v1/admin/users/{id}/referrals", "an id that is not one", "/api/v1/admin/users/nope/referrals", admin,
                400, "invalid-value", "user_id"));
        cases.add(post("POST /api/v1/admin/users/{id}/referral-code/disable", "an id that is not one",
                "/api/v1/admin/users/nope/referral-code/disable", admin, 400, "invalid-value", "user_id"));
        cases.add(post("POST /api/v1/admin/users/{id}/referral-code/disable", "a body that is not JSON",
                "/api/v1/admin/users/" + tom + "/referral-code/disable", admin, 415, "unsupported-media-type", null, "text/plain", "hello"));
        cases.add(new Case("POST /api/v1/admin/referrals/{referralId}/reversals", "a referral id that is not one", "POST",
                "/api/v1/admin/referrals/nope/reversals", admin, "application/json", RawHttp.utf8("{\"side\":\"referrer\",\"reason\":\"fraud\"}"),
                Map.of("Idempotency-Key", "strict-" + UUID.randomUUID()), 400, "invalid-value", "referral_id"));
        cases.add(new Case("POST /api/v1/admin/referrals/{referralId}/reversals", "a side that is none", "POST",
                "/api/v1/admin/referrals/" + pat + "/reversals", admin, "application/json", RawHttp.utf8("{\"side\":\"both\",\"reason\":\"fraud\"}"),
                Map.of("Idempotency-Key", "strict-" + UUID.randomUUID()), 400, "invalid-value", "side"));
        cases.add(new Case("POST /api/v1/admin/referrals/{referralId}/reversals", "no Idempotency-Key", "POST",
                "/api/v1/admin/referrals/" + pat + "/reversals", admin, "application/json", RawHttp.utf8("{\"side\":\"referrer\",\"reason\":\"fraud\"}"),
                Map.of(), 400, "idempotency-key-missing", "Idempotency-Key"));
        cases.add(get("GET /api/v1/users/me/export", "a URL over the limit", "/api/v1/users/me/export?x=" + "a".repeat(5000), player,
                414, "uri-too-long", null));
        cases.add(get("GET /api/v1/users/me/export", "a token that is not one", "/api/v1/users/me/export", "Bearer x", 401,
                "unauthenticated", null));
        cases.add(get("GET /api/v1/admin/users/{id}/export", "no reason", "/api/v1/admin/users/" + pat + "/export", admin,
                400, "invalid-value", "reason"));
        cases.add(get("GET /api/v1/admin/users/{id}/export", "a reason not on the list", "/api/v1/admin/users/" + pat
                + "/export?reason=curiosity", admin, 400, "invalid-value", "reason"));
        cases.add(get("GET /api/v1/admin/users/{id}/export", "an id that is not one", "/api/v1/admin/users/nope/export?reason=support_case",
                admin, 400, "invalid-value", "user_id"));
        cases.add(get("GET /api/v1/admin/users/{id}/export", "an account that does not exist",
                "/api/v1/admin/users/650000000000000000000abc/export?reason=support_case", admin, 404, "user-not-found", null));
        cases.add(get("GET /api/v1/users/me", "a URL over the limit", "/api/v1/users/me?x=" + "a".repeat(5000), player, 414, "uri-too-long", null));
        cases.add(new Case("GET /api/v1/users/me", "headers over the limit", "GET", "/api/v1/users/me", player, null, null,
                Map.of("X-Padding", "p".repeat(10_000)), 431, "request-headers-too-large", null));
        return cases;
    }

    private Case body(BodyOperation op, String name, String body, Map<String, String> headers, int status, String type, String field) {
        return new Case(op.operation(), name, op.method(), op.path(), op.authorization(), "application/json", RawHttp.utf8(body),
                headers, status, type, field);
    }

    private Case matchCase(String name, String body, int status, String type, String field) {
        // A match id of its own: a case wrongly accepted must not make the next one a reused id.
        String unique = body.replace("\"m-" + suffix + "\"", "\"m-" + UUID.randomUUID() + "\"");
        return new Case("POST /api/v1/games/dutch/matches", name, "POST", "/api/v1/games/dutch/matches", gameServer, "application/json",
                RawHttp.utf8(unique), Map.of(), status, type, field);
    }

    private static Case get(String operation, String name, String path, String authorization, int status, String type, String field) {
        return new Case(operation, name, "GET", path, authorization, null, null, Map.of(), status, type, field);
    }

    private static Case post(String operation, String name, String path, String authorization, int status, String type, String field) {
        return new Case(operation, name, "POST", path, authorization, null, null, Map.of(), status, type, field);
    }

    private static Case post(String operation, String name, String path, String authorization, int status, String type, String field,
                             String contentType, String body) {
        return new Case(operation, name, "POST", path, authorization, contentType, RawHttp.utf8(body), Map.of(), status, type, field);
    }

    /** The body with one byte that can start no UTF-8 sequence in place of its first string's first character. */
    private static byte[] invalidUtf8(String valid) {
        byte[] bytes = RawHttp.utf8(valid);
        int quote = valid.indexOf(":\"") + 2;
        bytes[quote] = (byte) 0xFF;
        return bytes;
    }

    // ---- the tests ----

    /** First, so that no accepted request of the other tests has work still running in the background. */
    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyRejectedRequestGetsAClearProblemAndWritesNothing() {
        awaitQuiet();
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Map<String, String> before = digest();
            RawHttp.Response response = send(c.method(), c.path(), c.authorization(), c.contentType(), c.body(), c.headers());
            String detail = c + ": " + response.status() + " " + response.body();
            assertEquals(c.status(), response.status(), detail);
            assertEquals("application/problem+json", response.header("content-type"), detail);
            Matcher type = TYPE.matcher(response.body());
            assertTrue(type.find(), detail);
            assertEquals(c.type(), type.group(1), detail);
            if (c.field() != null) {
                String named = "\"field\":\"" + c.field();
                assertTrue(response.body().contains(named + "\"") || response.body().contains(named + "["),
                        "field " + c.field() + " named: " + detail);
            }
            assertEquals(before, digest(), "collections changed: " + detail);
        }));
    }

    @Test
    void theIdempotencyFingerprintTellsTwoFromTwoPointNine() {
        String credits = "/api/v1/admin/users/" + ids.get("tom") + "/wallet/credits";
        Map<String, String> key = Map.of("Idempotency-Key", "fingerprint-" + UUID.randomUUID());
        RawHttp.Response first = send("POST", credits, admin, "application/json", RawHttp.utf8("{\"amount\":2,\"reason\":\"goodwill\"}"), key);
        assertEquals(200, first.status(), first.body());
        RawHttp.Response lossy = send("POST", credits, admin, "application/json", RawHttp.utf8("{\"amount\":2.9,\"reason\":\"goodwill\"}"), key);
        assertEquals(400, lossy.status(), "2.9 is neither 2 nor a replay of it: " + lossy.body());
        assertEquals(null, lossy.header("Idempotent-Replayed"));
        RawHttp.Response replay = send("POST", credits, admin, "application/json", RawHttp.utf8("{\"reason\":\"goodwill\",\"amount\":2}"), key);
        assertEquals(200, replay.status(), replay.body());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(first.body(), replay.body());
    }

    @Test
    void textIsStoredAndEchoedExactlyAsSent() throws IOException {
        String bearer = bearer("tom" + suffix);
        String address = "Flat 2\n10 Rue de l'\u00c9glise \ud83c\udfe0 \u202e";
        RawHttp.Response updated = send("PATCH", "/api/v1/users/me", bearer, "application/json",
                RawHttp.utf8("{\"address\":" + jsonMapper.writeValueAsString(address) + "}"), Map.of());
        assertEquals(200, updated.status(), updated.body());
        assertEquals(address, jsonMapper.readValue(updated.body(), Map.class).get("address"));
        RawHttp.Response read = send("GET", "/api/v1/users/me", bearer, null, null, Map.of());
        assertEquals(address, jsonMapper.readValue(read.body(), Map.class).get("address"), "what is stored is what was echoed");
        RawHttp.Response staff = send("GET", "/api/v1/admin/users/" + ids.get("tom"), admin, null, null, Map.of());
        assertEquals(address, jsonMapper.readValue(staff.body(), Map.class).get("address"));
    }

    @Test
    void aMalformedUrlOrHeaderSaysWhatIsWrong() {
        RawHttp.Response path = send("GET", "/api/v1/admin/users/%zz", admin, null, null, Map.of());
        assertEquals(400, path.status(), path.body());
        assertTrue(path.body().contains("\"detail\":\"The URL is not valid: malformed escape pair at position"), path.body());
        RawHttp.Response key = send("POST", "/api/v1/admin/users/" + ids.get("tom") + "/wallet/credits", admin, "application/json",
                RawHttp.utf8("{\"amount\":1,\"reason\":\"goodwill\"}"), Map.of("Idempotency-Key", "a b"));
        assertEquals(400, key.status(), key.body());
        assertTrue(key.body().contains("\"detail\":\"Idempotency-Key: must be 1-255 visible ASCII characters\""), key.body());
    }

    @Test
    void theCorpusCoversEveryOperationOfTheApi() {
        Set<String> routes = router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toPathString().startsWith("/api/"))
                .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
                .map(route -> route.getHttpMethod().name() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = corpus().stream().map(Case::operation).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(covered);
        assertTrue(routes.contains("POST /api/v1/admin/users/{id}/wallet/credits"), "the API's routes: " + routes);
        assertEquals(Set.of(), missing, "operations without a malformed-request case");
    }

    /** Until the setup's writes (audit delivery included) are all done: two digests a moment apart agree. */
    private void awaitQuiet() {
        Map<String, String> last = digest();
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Map<String, String> now = digest();
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
        throw new IllegalStateException("the database never went quiet");
    }

    /** Per collection: its count and a digest of its documents in _id order. */
    private Map<String, String> digest() {
        Map<String, String> digest = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (BOOKKEEPING.contains(name)) {
                continue;
            }
            MessageDigest sha = sha256();
            long count = 0;
            for (Document document : database.getCollection(name).find().sort(Sorts.ascending("_id"))) {
                sha.update(document.toJson().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            digest.put(name, count + " " + HexFormat.of().formatHex(sha.digest()));
        }
        return digest;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.playerbase.bootstrap.ops;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "database trouble answers fast and clearly": the service talks to an external
 * MongoDB-protocol server through a proxy that can drop (dead database) or stall (hung database)
 * every connection. Elapsed times are printed for docs/operations.md, not asserted.
 */
class DatabaseOutageEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedMongoServer store;
    private TcpProxy proxy;
    private String database;

    @BeforeEach
    void startStore() throws Exception {
        store = EmbeddedMongoServer.startInMemory(0);
        String host = new ConnectionString(store.connectionString()).getHosts().get(0);
        proxy = new TcpProxy(Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)));
        database = "outage_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopStore() throws Exception {
        proxy.close();
        store.close();
    }

    private EmbeddedServer startService() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> properties = new HashMap<>(Map.of(
                "playerbase.mongo.uri", "mongodb://127.0.0.1:" + proxy.port() + "/" + database,
                "playerbase.crypto.master-key", Base64.getEncoder().encodeToString(key),
                "playerbase.crypto.reencrypt-at-start", "false",
                "playerbase.migrations.check-interval", "300ms",
                "micronaut.server.port", "-1"));
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(EmbeddedServer server, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> register(EmbeddedServer server, String name) throws Exception {
        return post(server, "/api/v1/auth/register", "{\"email\":\"" + name + "@example.org\",\"username\":\"" + name
                + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    private HttpResponse<String> logIn(EmbeddedServer server, String name) throws Exception {
        return post(server, "/api/v1/auth/login", "{\"login\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    /** Repeats {@code call} until its answer passes, for at most a minute (the database reconnecting). */
    private HttpResponse<String> eventually(Call call, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpResponse<String> response = call.run();
        while (!done.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = call.run();
        }
        return response;
    }

    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.body().contains("urn:playerbase:problem:database-unavailable"), response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    private static long timed(Call call, HttpResponse<String>[] out) throws Exception {
        long start = System.nanoTime();
        out[0] = call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeadOrHungDatabaseGives503AndReadinessDownWhileLivenessStaysUp() throws Exception {
        try (EmbeddedServer server = startService()) {
            assertEquals(201, register(server, "ann").statusCode());
            HttpResponse<String>[] response = new HttpResponse[1];

            proxy.cut();
            long loginMs = timed(() -> logIn(server, "ann"), response);
            assertUnavailable(response[0]);
            long readinessMs = timed(() -> get(server, "/health/readiness"), response);
            assertEquals(503, response[0].statusCode(), response[0].body());
            assertTrue(response[0].body().contains("DOWN"), response[0].body());
            assertEquals(200, get(server, "/health/liveness").statusCode());
            System.out.printf("dead database: login 503 after %d ms, readiness DOWN after %d ms%n", loginMs, readinessMs);

            proxy.restore();
            assertEquals(200, eventually(() -> logIn(server, "ann"), r -> r.statusCode() == 200).statusCode());

            proxy.freeze();
            loginMs = timed(() -> logIn(server, "ann"), response);
            assertUnavailable(response[0]);
            readinessMs = timed(() -> get(server, "/health/readiness"), response);
            assertEquals(503, response[0].statusCode(), response[0].body());
            assertEquals(200, get(server, "/health/liveness").statusCode());
            System.out.printf("hung database: login 503 after %d ms, readiness DOWN after %d ms%n", loginMs, readinessMs);

            proxy.restore();
            assertEquals(200, eventually(() -> logIn(server, "ann"), r -> r.statusCode() == 200).statusCode());
        }
    }

    @Test
    void theServiceStartsWhileTheDatabaseIsDownAndMigratesItWhenItAppearsOrComesBackEmpty() throws Exception {
        proxy.cut();
        try (EmbeddedServer server = startService()) {
            assertTrue(server.isRunning());
            assertEquals(200, get(server, "/health/liveness").statusCode());
            assertEquals(503, get(server, "/health/readiness").statusCode());
            assertUnavailable(register(server, "bob"));

            proxy.restore();
            assertEquals(200, eventually(() -> get(server, "/health/readiness"), r -> r.statusCode() == 200).statusCode());
            assertEquals(201, register(server, "bob").statusCode());

            try (MongoClient direct = MongoClients.create(store.connectionString())) {
                direct.getDatabase(database).drop();
                HttpResponse<String> readiness = eventually(() -> get(server, "/health/readiness"),
                        r -> r.statusCode() == 200 && direct.getDatabase(database).getCollection("mongockChangeLog")
                                .countDocuments() > 0);
                assertEquals(200, readiness.statusCode(), readiness.body());
                assertEquals(5, direct.getDatabase(database).getCollection("users").countDocuments(),
                        "the fresh setup ran again: the five computer players");
            }
            assertEquals(201, eventually(() -> register(server, "bob"), r -> r.statusCode() == 201).statusCode(),
                    "the emptied database accepts bob again");
        }
    }
}

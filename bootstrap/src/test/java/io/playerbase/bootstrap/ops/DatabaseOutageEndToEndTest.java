package io.playerbase.bootstrap.ops;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.adapters.mongo.migration.MigrateOnStartup;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
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

    private final ListAppender<ILoggingEvent> checks = new ListAppender<>();
    private Logger checkLogger;

    @BeforeEach
    void startStore() throws Exception {
        checkLogger = (Logger) LoggerFactory.getLogger(MigrateOnStartup.class);
        checks.start();
        checkLogger.addAppender(checks);
        store = EmbeddedMongoServer.startInMemory(0);
        String host = new ConnectionString(store.connectionString()).getHosts().get(0);
        proxy = new TcpProxy(Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)));
        database = "outage_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopStore() throws Exception {
        checkLogger.detachAppender(checks);
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
                "playerbase.rate-limits.login-per-account", "1000/1m",
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

    /**
     * Three rounds of a log-in (anonymous, its rate-limit counter written first), a player's own
     * account (bearer: the token fetcher reads the account on a blocking thread) and readiness against
     * the broken database; each must fail as an outage, and the elapsed times are printed for
     * docs/operations.md (asserting them would make a test that fails on a busy machine).
     */
    @SuppressWarnings("unchecked")
    private void measure(EmbeddedServer server, String outage, String token) throws Exception {
        HttpResponse<String>[] response = new HttpResponse[1];
        StringBuilder figures = new StringBuilder(outage + " database:");
        for (int round = 1; round <= 3; round++) {
            long loginMs = timed(() -> logIn(server, "ann"), response);
            assertUnavailable(response[0]);
            long accountMs = timed(() -> http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/users/me"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()), response);
            assertUnavailable(response[0]);
            long readinessMs = timed(() -> get(server, "/health/readiness"), response);
            assertEquals(503, response[0].statusCode(), response[0].body());
            assertTrue(response[0].body().contains("\"status\":\"DOWN\""), response[0].body());
            assertEquals(200, get(server, "/health/liveness").statusCode(), "liveness stays UP");
            figures.append(String.format(" [round %d: log-in 503 after %d ms, account 503 after %d ms, readiness DOWN after %d ms]",
                    round, loginMs, accountMs, readinessMs));
            if (round == 1) {
                System.out.println(outage + " database, readiness: " + response[0].body());
            }
        }
        System.out.println(figures);
    }

    @Test
    void aDeadOrHungDatabaseGives503AndReadinessDownWhileLivenessStaysUp() throws Exception {
        try (EmbeddedServer server = startService()) {
            assertEquals(201, register(server, "ann").statusCode());
            HttpResponse<String> login = logIn(server, "ann");
            assertEquals(200, login.statusCode(), login.body());
            String token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

            proxy.cut();
            measure(server, "dead", token);
            proxy.restore();
            assertEquals(200, eventually(() -> logIn(server, "ann"), r -> r.statusCode() == 200).statusCode());

            proxy.freeze();
            measure(server, "hung", token);
            proxy.restore();
            assertEquals(200, eventually(() -> logIn(server, "ann"), r -> r.statusCode() == 200).statusCode());
            assertEquals(200, eventually(() -> get(server, "/health/readiness"), r -> r.statusCode() == 200).statusCode());
        }
    }

    @Test
    void theServiceStartsWhileTheDatabaseIsDownAndMigratesItWhenItAppearsOrComesBackEmpty() throws Exception {
        proxy.cut();
        try (EmbeddedServer server = startService()) {
            // Port open, live, not ready, the API refusing clearly.
            assertTrue(server.isRunning());
            assertEquals(200, get(server, "/health/liveness").statusCode());
            assertEquals(503, get(server, "/health/readiness").statusCode());
            assertUnavailable(register(server, "bob"));
            // The migration gate answers before authentication (which needs no database for a request
            // without credentials, and would answer 401).
            assertUnavailable(get(server, "/api/v1/users/me"));

            // The database appears: migrated without a restart.
            proxy.restore();
            assertEquals(200, eventually(() -> get(server, "/health/readiness"), r -> r.statusCode() == 200).statusCode());
            assertEquals(201, register(server, "bob").statusCode());

            try (MongoClient direct = MongoClients.create(store.connectionString())) {
                MongoDatabase db = direct.getDatabase(database);

                // A replaced primary that lacks the last change unit (its change log entry and its index).
                String last = changeLogIds(db).getLast();
                db.getCollection("mongockChangeLog").deleteMany(Filters.eq("changeId", last));
                HttpResponse<String> readiness = eventually(() -> get(server, "/health/readiness"),
                        r -> r.statusCode() == 200 && changeLogIds(db).contains(last));
                assertEquals(200, readiness.statusCode(), readiness.body());
                assertTrue(checks.list.stream().map(ILoggingEvent::getFormattedMessage)
                                .anyMatch(line -> line.startsWith("1 change units pending (" + last + "): applying them now")),
                        () -> "the pending unit was seen and named: " + checks.list);

                // The database comes back empty: the fresh setup runs again, without a restart.
                db.drop();
                readiness = eventually(() -> get(server, "/health/readiness"),
                        r -> r.statusCode() == 200 && db.getCollection("mongockChangeLog").countDocuments() > 0);
                assertEquals(200, readiness.statusCode(), readiness.body());
                assertTrue(checks.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(line ->
                                line.contains("change units pending (the database has no migration history: empty or replaced)")),
                        () -> "the empty database was recognised as such: " + checks.list);
                assertEquals(5, db.getCollection("users").countDocuments(), "the fresh setup ran again: the five computer players");
            }
            assertEquals(201, eventually(() -> register(server, "bob"), r -> r.statusCode() == 201).statusCode(),
                    "the emptied database accepts bob again");
        }
    }

    private static List<String> changeLogIds(MongoDatabase db) {
        List<String> ids = new ArrayList<>();
        for (Document entry : db.getCollection("mongockChangeLog").find(Filters.and(Filters.eq("state", "EXECUTED"),
                Filters.regex("changeId", "^V\\d{4}_")))
                .sort(Sorts.ascending("timestamp"))) {
            ids.add(entry.getString("changeId"));
        }
        return ids;
    }
}

package io.playerbase.bootstrap.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.bootstrap.cli.CommandLine;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "Logs", on a real run: the service as a process with {@code PLAYERBASE_LOG_FORMAT=JSON} at
 * its production levels, driven through registrations, profile changes, failed log-ins, refused
 * registrations, corrupt stored data (read by the owner, the staff view and the listing) and a database
 * outage (the bearer token's account check fails on the blocking executor, log-ins fail on the
 * request's thread). Then its output is read back: every line is one JSON object, every line logged on
 * a request's threads (event loop, blocking executor, reactive hops) carries the {@code request_id} the
 * client sent (background work names its {@code job} instead, or runs on a thread of its own), and
 * the whole output is grepped for the test users' emails, phones and addresses.
 */
class JsonLogEndToEndTest {

    private static final Pattern SERVER_URL = Pattern.compile("Server Running: http:\\\\?/\\\\?/([^\\s\"\\\\/]+)");
    private static final String PASSWORD = "correct horse battery";
    /** Threads of background work, start and stop: their lines belong to no request. */
    private static final Pattern BACKGROUND_THREAD = Pattern.compile(
            "main|scheduled-executor-thread-\\d+|lease-.+|cluster-.+|embedded-store-.+|Thread-\\d+|SIGTERM handler|shutdown-hook.*");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> requestIds = new LinkedHashSet<>();
    private EmbeddedMongoServer store;
    private TcpProxy proxy;
    private Process service;
    private URI url;
    private int sequence;
    private Path directory;

    private record Person(String id, String email, String phone, String address) {
    }

    @BeforeEach
    void start() throws Exception {
        directory = Files.createTempDirectory("json-log");
        store = EmbeddedMongoServer.startInMemory(0);
        String host = new ConnectionString(store.connectionString()).getHosts().get(0);
        proxy = new TcpProxy(Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)));
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.destroyForcibly().waitFor();
        }
        proxy.close();
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Path startService(String masterKey) throws Exception {
        Path log = directory.resolve("service.log");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                // The service's own logback.xml and levels, as in production.
                "-Dlogback.configurationFile=logback.xml",
                "io.playerbase.bootstrap.Application",
                "--playerbase.mongo.uri=mongodb://127.0.0.1:" + proxy.port() + "/jsonlog",
                "--playerbase.crypto.master-key=" + masterKey,
                "--micronaut.server.port=-1",
                "--playerbase.rate-limits.login-per-account=1000/1m",
                "--playerbase.rate-limits.login-per-address=1000/1m",
                "--playerbase.rate-limits.register-per-address=1000/1m");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PLAYERBASE_LOG_FORMAT", "JSON");
        service = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = SERVER_URL.matcher(Files.readString(log));
            if (matcher.find()) {
                url = URI.create("http://" + matcher.group(1));
                return log;
            }
            if (!service.isAlive()) {
                throw new IllegalStateException("the service ended: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not start: " + Files.readString(log));
    }

    /** Sends a request with an X-Request-Id of its own and returns the response; the id is remembered. */
    private HttpResponse<String> send(String method, String path, String body, String authorization,
                                      Map<String, String> headers, List<String> ids) throws Exception {
        String id = "json-log-" + (++sequence);
        requestIds.add(id);
        ids.add(id);
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Request-Id", id)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(id, response.headers().firstValue("X-Request-Id").orElse(null), "the id is echoed");
        return response;
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        return send(method, path, body, authorization, Map.of(), new ArrayList<>());
    }

    private static String field(String body, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(body);
        assertTrue(matcher.find(), () -> name + " in " + body);
        return matcher.group(1);
    }

    private String bearer(String login) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login",
                "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        return "Bearer " + field(response.body(), "access_token");
    }

    private Person person(int n) throws Exception {
        String name = "logged" + n;
        Person person = new Person(null, name + "@example.org", "+44 7700 900" + (100 + n), "Flat " + n + ", 12 Quiet Lane");
        HttpResponse<String> created = send("POST", "/api/v1/auth/register", "{\"email\":\"" + person.email()
                + "\",\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(201, created.statusCode(), created.body());
        String token = bearer(person.email());
        assertEquals(200, send("PATCH", "/api/v1/users/me", "{\"phone\":\"" + person.phone() + "\",\"address\":\""
                + person.address() + "\"}", token).statusCode());
        // Refused: a taken email, a wrong password, an invalid phone.
        assertEquals(409, send("POST", "/api/v1/auth/register", "{\"email\":\"" + person.email()
                + "\",\"username\":\"other" + n + "\",\"password\":\"" + PASSWORD + "\"}", null).statusCode());
        assertEquals(401, send("POST", "/api/v1/auth/login", "{\"login\":\"" + person.email()
                + "\",\"password\":\"wrong password\"}", null).statusCode());
        assertEquals(400, send("PATCH", "/api/v1/users/me", "{\"phone\":\"" + person.phone() + " is not a phone\"}", token)
                .statusCode());
        return new Person(field(created.body(), "id"), person.email(), person.phone(), person.address());
    }

    @Test
    void everyLineIsJsonEveryRequestLineCarriesItsIdAndNoLineCarriesPersonalData() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        Path log = startService(masterKey);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path passwordFile = directory.resolve("admin-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        assertEquals(0, CommandLine.run(new String[]{"create-admin", "--email", "root@example.net", "--username", "root",
                "--password-file", passwordFile.toString(), "--playerbase.mongo.uri=" + store.connectionString() + "/jsonlog",
                "--playerbase.crypto.master-key=" + masterKey, "--playerbase.migrations.run-at-start=false"},
                new PrintStream(out), new PrintStream(out)), out.toString(StandardCharsets.UTF_8));
        String admin = bearer("root");

        Person ann = person(1);
        Person bob = person(2);
        String bobToken = bearer(bob.email());

        // Corrupt stored data: logged (ERROR, with the document id) by the mapper on the blocking
        // executor and by the error handler, for the owner's read, the staff view and the listing.
        try (MongoClient direct = MongoClients.create(store.connectionString())) {
            direct.getDatabase("jsonlog").getCollection("users").updateOne(Filters.eq("_id", new ObjectId(ann.id())),
                    Updates.combine(Updates.set("address", new Binary(new byte[]{1, 2})), Updates.set("phone",
                            direct.getDatabase("jsonlog").getCollection("users").find(Filters.eq("_id", new ObjectId(bob.id())))
                                    .first().get("phone"))));
        }
        List<String> mustLog = new ArrayList<>();
        assertEquals(500, send("GET", "/api/v1/users/me", null, bearer(ann.email()), Map.of(), mustLog).statusCode());
        assertEquals(200, send("GET", "/api/v1/admin/users/" + ann.id(), null, admin, Map.of(), mustLog).statusCode());
        assertEquals(200, send("GET", "/api/v1/admin/users?limit=200", null, admin, Map.of(), mustLog).statusCode());
        assertEquals(200, send("POST", "/api/v1/admin/users/search", "{\"email\":\"" + ann.email() + "\"}", admin,
                Map.of(), mustLog).statusCode());
        assertEquals(200, send("POST", "/api/v1/admin/users/" + bob.id() + "/wallet/credits",
                "{\"amount\":5,\"reason\":\"goodwill\"}", admin, Map.of("Idempotency-Key", "json-log-credit"), new ArrayList<>())
                .statusCode());

        // A dead database: the account check of a bearer token (a reactive hop to the blocking executor)
        // and a log-in fail with 503, each logged under the request's id.
        proxy.cut();
        assertEquals(503, send("GET", "/api/v1/users/me", null, bobToken, Map.of(), mustLog).statusCode());
        assertEquals(503, send("POST", "/api/v1/auth/login", "{\"login\":\"" + bob.email() + "\",\"password\":\""
                + PASSWORD + "\"}", null, Map.of(), mustLog).statusCode());
        assertEquals(503, send("POST", "/api/v1/admin/users/" + bob.id() + "/wallet/credits",
                "{\"amount\":5,\"reason\":\"goodwill\"}", admin, Map.of("Idempotency-Key", "json-log-outage"), mustLog).statusCode());
        proxy.restore();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (send("GET", "/api/v1/users/me", null, bobToken).statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(200, send("GET", "/api/v1/users/me", null, bobToken).statusCode());

        service.destroy();
        service.waitFor();

        // Read the run's output back.
        List<String> lines = Files.readAllLines(log);
        Map<String, Integer> linesPerRequest = new HashMap<>();
        List<String> withoutId = new ArrayList<>();
        int parsed = 0;
        for (String line : lines) {
            if (!line.startsWith("{")) {
                assertFalse(line.matches(".*\\b(INFO|WARN|ERROR|DEBUG)\\b.*"), () -> "a log line that is not JSON: " + line);
                continue;
            }
            JsonNode event = json.readTree(line);
            parsed++;
            for (String field : List.of("timestamp", "level", "threadName", "loggerName", "formattedMessage")) {
                assertTrue(event.has(field), () -> field + " in " + line);
            }
            String requestId = event.path("mdc").path("request_id").asText(null);
            if (requestId != null) {
                assertTrue(requestIds.contains(requestId), () -> "an id the client sent: " + line);
                linesPerRequest.merge(requestId, 1, Integer::sum);
            } else if (!event.path("mdc").has("job") && !BACKGROUND_THREAD.matcher(event.path("threadName").asText()).matches()) {
                // Neither a request's line nor a leased job's (those name their job, e.g. the
                // re-encryption pass on the blocking executor) nor a background thread's.
                withoutId.add(line);
            }
        }
        assertTrue(parsed > 10, "the run logged: " + parsed + " JSON lines");
        assertEquals(List.of(), withoutId, "lines of a request's threads without its request_id");
        for (String id : mustLog) {
            assertTrue(linesPerRequest.getOrDefault(id, 0) > 0, () -> "request " + id + " logged under its id: " + linesPerRequest);
        }

        String text = String.join("\n", lines).toLowerCase();
        for (Person person : List.of(ann, bob)) {
            for (String secret : List.of(person.email(), person.phone(), person.address(), "root@example.net")) {
                assertFalse(text.contains(secret.toLowerCase()), () -> "the log holds " + secret);
            }
        }
    }
}

package io.playerbase.bootstrap.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.playerbase.bootstrap.cli.CommandLine;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "several instances on one database": two service processes on one stand-alone
 * MongoDB-protocol server process (mongo-java-server), every wallet credit and match report sent to
 * both at once, one of them killed (SIGKILL) mid-run. Nothing is lost or applied twice (balances,
 * ledgers, match counts and the coins they moved), background jobs never run on both instances at once
 * and the survivor takes them over, and a rate limit holds in total under concurrent log-ins. The
 * instances log JSON; the test reads the leased runs from those logs and greps them for personal data.
 */
class SeveralInstancesEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("LISTENING (mongodb://\\S+)");
    private static final Pattern SERVER_URL = Pattern.compile("Server Running: http:\\\\?/\\\\?/([^\\s\"\\\\/]+)");
    private static final Pattern LEASE_RUN = Pattern.compile("Lease (\\S+) held by (\\S+): run (started|finished)");
    private static final Pattern FIELD = Pattern.compile("\"(access_token|api_key|id|balance|total_matches|consistent)\"\\s*:\\s*\"?([^\",}]+)\"?");
    private static final String PASSWORD = "correct horse battery";
    private static final int CREDITS = 24;
    private static final int MATCHES = 16;
    private static final int LOGIN_LIMIT = 6;
    private static final int LOGIN_ATTEMPTS = 16;
    private static final int COINS_PER_WIN = 7;
    private static final int COINS_PER_LOSS = 1;
    private static final int STARTING_COINS = 100;
    private static final Set<String> PERIODIC_LEASES = Set.of("wallet-recovery", "dutch-recovery", "audit-recovery",
            "erasure-recovery", "subscription-sweep");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final String masterKey = newKey();
    private String mongoUri;

    private record Service(String name, Process process, URI url, Path log) {
    }

    /** One run of a leased job on one instance, from its log. */
    private record Run(String job, String instance, long start, long end) {
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private Process spawn(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Structured logs, named in lower case as an operator might (the entry point accepts any case).
        builder.environment().put("PLAYERBASE_LOG_FORMAT", "json");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Waits for a line of the process's log matching {@code pattern} and returns its first group. */
    private static String awaitLine(Process process, Path log, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(Files.readString(log));
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("process ended: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no " + pattern + " in " + Files.readString(log));
    }

    private Service startService(String name, Path dir) throws Exception {
        Path log = dir.resolve(name + ".log");
        // The service's own logback.xml (the test one would hide the "Server Running" line).
        Process process = spawn(log, "-Dlogback.configurationFile=logback.xml", "io.playerbase.bootstrap.Application",
                "--playerbase.mongo.uri=" + mongoUri + "/several",
                "--playerbase.crypto.master-key=" + masterKey,
                "--playerbase.instance-id=" + name,
                "--micronaut.server.port=-1",
                "--playerbase.leases.ttl=3s",
                // A key claimed by the killed instance is free for the survivor after this.
                "--playerbase.idempotency.lease=3s",
                "--playerbase.wallet.recovery-interval=1s",
                "--playerbase.dutch-game.recovery-interval=1s",
                "--playerbase.audit.recovery-interval=1s",
                "--playerbase.crypto.erasure-recovery-interval=1s",
                "--playerbase.subscriptions.sweep-interval=1s",
                "--playerbase.rate-limits.login-per-account=" + LOGIN_LIMIT + "/1h",
                "--playerbase.rate-limits.login-per-address=100000/1m",
                "--playerbase.rate-limits.register-per-address=100000/1m",
                "--playerbase.passwords.max-concurrent=2",
                // Each leased run's start and end, to show that no job ran on both instances at once.
                "--logger.levels.io.playerbase.adapters.mongo.lease.Leases=DEBUG");
        return new Service(name, process, URI.create("http://" + awaitLine(process, log, SERVER_URL)), log);
    }

    private HttpResponse<String> send(Service service, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.url().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2).strip();
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    /**
     * Sends one request to the first live service until it has a final answer: as a client behind a
     * load balancer would, it retries a refused connection, a 503 and a 409 (in flight) with the same
     * body and key.
     */
    private HttpResponse<String> untilAnswered(List<Service> candidates, String method, String path, String body,
                                               Map<String, String> headers) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            for (Service service : candidates) {
                if (!service.process().isAlive()) {
                    continue;
                }
                try {
                    HttpResponse<String> response = send(service, method, path, body, headers);
                    if (response.statusCode() != 503 && response.statusCode() != 409) {
                        return response;
                    }
                } catch (IOException e) {
                    // the instance died under us: the client retries elsewhere
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no final answer for " + method + " " + path);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void twoProcessesOnOneDatabaseLoseNothingApplyNothingTwiceAndShareLeasesAndLimits() throws Exception {
        Path dir = Files.createTempDirectory("several-instances");
        Path mongoLog = dir.resolve("mongo.log");
        Process mongo = spawn(mongoLog, StandaloneMongoServer.class.getName());
        mongoUri = awaitLine(mongo, mongoLog, LISTENING);

        ExecutorService starts = Executors.newFixedThreadPool(2);
        Future<Service> startA = starts.submit(() -> startService("instance-a", dir));
        Future<Service> startB = starts.submit(() -> startService("instance-b", dir));
        Service a = startA.get();
        Service b = startB.get();
        starts.shutdown();
        List<Service> both = List.of(a, b);

        // An admin (the jar's command, in this JVM), a game-server key, a wallet owner, four players.
        Path passwordFile = dir.resolve("admin-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, CommandLine.run(new String[]{"create-admin", "--email", "ops@example.com", "--username", "ops",
                "--password-file", passwordFile.toString(), "--playerbase.mongo.uri=" + mongoUri + "/several",
                "--playerbase.crypto.master-key=" + masterKey, "--playerbase.migrations.run-at-start=false"},
                new PrintStream(out), new PrintStream(out)), out.toString(StandardCharsets.UTF_8));
        String admin = "Bearer " + field(send(a, "POST", "/api/v1/auth/login",
                "{\"login\":\"ops\",\"password\":\"" + PASSWORD + "\"}", Map.of()).body(), "access_token");
        String apiKey = "ApiKey " + field(send(b, "POST", "/api/v1/admin/api-keys",
                "{\"name\":\"table\",\"scopes\":[\"matches:write\"]}", Map.of("Authorization", admin)).body(), "api_key");
        List<String> players = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Service service = both.get(i % 2);
            players.add(field(send(service, "POST", "/api/v1/auth/register", "{\"email\":\"player" + i
                    + "@example.org\",\"username\":\"player" + i + "\",\"password\":\"" + PASSWORD + "\"}", Map.of()).body(), "id"));
        }
        String wallet = players.remove(4);

        // A limit counted across both: log-ins of one account sent all at once, half to each instance.
        ExecutorService logins = Executors.newFixedThreadPool(LOGIN_ATTEMPTS);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < LOGIN_ATTEMPTS; i++) {
            Service service = both.get(i % 2);
            statuses.add(logins.submit(() -> send(service, "POST", "/api/v1/auth/login",
                    "{\"login\":\"player0\",\"password\":\"" + PASSWORD + "\"}", Map.of()).statusCode()));
        }
        int allowed = 0;
        for (Future<Integer> status : statuses) {
            assertTrue(status.get() == 200 || status.get() == 429, "status " + status.get());
            allowed += status.get() == 200 ? 1 : 0;
        }
        logins.shutdown();
        assertEquals(LOGIN_LIMIT, allowed, "the limit holds in total, not per instance");

        // Every operation is sent to both instances at once; instance A is killed a third of the way in.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger sent = new AtomicInteger();
        long killedAt = Long.MAX_VALUE;
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        Instant ended = Instant.now().minusSeconds(60);
        for (int i = 0; i < Math.max(CREDITS, MATCHES); i++) {
            int n = i;
            for (Service first : both) {
                List<Service> order = first == a ? List.of(a, b) : List.of(b, a);
                if (n < CREDITS) {
                    answers.add(clients.submit(() -> {
                        sent.incrementAndGet();
                        return untilAnswered(order, "POST", "/api/v1/admin/users/" + wallet + "/wallet/credits",
                                "{\"amount\":" + (n + 1) + ",\"reason\":\"promotion\"}",
                                Map.of("Authorization", admin, "Idempotency-Key", "credit-" + n));
                    }));
                }
                if (n < MATCHES) {
                    String report = "{\"match_id\":\"several-" + n + "\",\"started_at\":\"" + ended.minusSeconds(300)
                            + "\",\"ended_at\":\"" + ended + "\",\"players\":[" + playerJson(players, n) + "]}";
                    answers.add(clients.submit(() -> {
                        sent.incrementAndGet();
                        return untilAnswered(order, "POST", "/api/v1/games/dutch/matches", report,
                                Map.of("Authorization", apiKey));
                    }));
                }
            }
            if (i == Math.max(CREDITS, MATCHES) / 3) {
                while (sent.get() < answers.size() / 2) {
                    Thread.sleep(10);
                }
                a.process().destroyForcibly().waitFor();
                killedAt = System.currentTimeMillis();
            }
        }
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertEquals(200, response.statusCode(), response.body());
        }
        clients.shutdown();

        // Nothing lost, nothing doubled: the balance is the sum of the distinct credits, the chain adds up,
        // and every player has exactly one count per distinct match.
        String balance = send(b, "GET", "/api/v1/admin/users/" + wallet + "/wallet", null, Map.of("Authorization", admin)).body();
        assertEquals(String.valueOf(CREDITS * (CREDITS + 1) / 2), field(balance, "balance"), balance);
        String reconcile = send(b, "GET", "/api/v1/admin/users/" + wallet + "/wallet/reconcile", null,
                Map.of("Authorization", admin)).body();
        assertEquals("true", field(reconcile, "consistent"), reconcile);
        for (String player : players) {
            String stats = send(b, "GET", "/api/v1/games/dutch/players/" + player + "/stats", null, Map.of()).body();
            assertEquals(String.valueOf(MATCHES), field(stats, "total_matches"), stats);
        }

        // Background work: one lease document per job, and the survivor takes over what the dead one held.
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase database = client.getDatabase("several");
            assertEquals(CREDITS, database.getCollection("wallet_transactions").countDocuments());
            // Each match moved its coins once: the winner's gain and every loser's loss, no hold left.
            for (int i = 0; i < players.size(); i++) {
                Document user = database.getCollection("users").find(new Document("_id", new ObjectId(players.get(i)))).first();
                Document dutch = user.get("modules", Document.class).get("dutch_game", Document.class);
                int wins = MATCHES / players.size() + (i < MATCHES % players.size() ? 1 : 0);
                assertEquals(STARTING_COINS + wins * COINS_PER_WIN - (MATCHES - wins) * COINS_PER_LOSS,
                        ((Number) dutch.get("coins")).longValue(), () -> "coins of " + dutch.toJson());
                assertTrue(dutch.getList("coin_holds", Object.class, List.of()).isEmpty(), () -> "holds left: " + dutch.toJson());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            Map<String, Object> owners = owners(database);
            while (!(owners.keySet().containsAll(PERIODIC_LEASES) && owners.values().stream().allMatch("instance-b"::equals))
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
                owners = owners(database);
            }
            assertTrue(owners.keySet().containsAll(PERIODIC_LEASES), owners::toString);
            for (String job : PERIODIC_LEASES) {
                assertEquals("instance-b", owners.get(job), () -> "lease " + job + " after instance-a died: " + owners(database));
            }
        }

        // Jobs ran once: no job ever ran on both instances at the same time, the re-encryption pass of
        // the fresh database ran on one of them only, and the survivor ran every job after the kill.
        b.process().destroy();
        b.process().waitFor();
        List<Run> runs = new ArrayList<>(runs(a, killedAt));
        runs.addAll(runs(b, Long.MAX_VALUE));
        for (Run run : runs) {
            for (Run other : runs) {
                if (run.job().equals(other.job()) && !run.instance().equals(other.instance())) {
                    assertTrue(run.end() < other.start() || other.end() < run.start(),
                            () -> "overlapping runs: " + run + " and " + other);
                }
            }
        }
        assertEquals(1, runs.stream().filter(run -> run.job().equals("reencryption")).count(), () -> "re-encryption runs: " + runs);
        for (String job : PERIODIC_LEASES) {
            long afterKill = killedAt;
            assertTrue(runs.stream().anyMatch(run -> run.job().equals(job) && run.instance().equals("instance-b")
                    && run.start() > afterKill), () -> job + " taken over by instance-b: " + runs);
        }

        // The logs are structured and hold no personal data.
        for (Service service : both) {
            String log = Files.readString(service.log());
            for (String email : List.of("ops@example.com", "player0@example.org", "player1@example.org", "player4@example.org")) {
                assertFalse(log.contains(email), () -> service.name() + "'s log holds " + email);
            }
        }
    }

    /**
     * The leased runs in a service's JSON log (one object per line; other lines are the JVM's own); a
     * run without its end was cut short at {@code unfinishedEnd}.
     */
    private static List<Run> runs(Service service, long unfinishedEnd) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> started = new HashMap<>();
        List<Run> runs = new ArrayList<>();
        int lines = 0;
        for (String line : Files.readAllLines(service.log())) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode event = json.readTree(line);
            lines++;
            Matcher matcher = LEASE_RUN.matcher(event.path("formattedMessage").asText());
            if (!matcher.find()) {
                continue;
            }
            assertEquals(service.name(), matcher.group(2));
            long at = event.path("timestamp").asLong();
            if (matcher.group(3).equals("started")) {
                started.put(matcher.group(1), at);
            } else {
                runs.add(new Run(matcher.group(1), service.name(), started.remove(matcher.group(1)), at));
            }
        }
        started.forEach((job, start) -> runs.add(new Run(job, service.name(), start, unfinishedEnd)));
        assertTrue(lines > 0, service.name() + " wrote JSON lines");
        return runs;
    }

    private static Map<String, Object> owners(MongoDatabase database) {
        Map<String, Object> owners = new HashMap<>();
        for (Document lease : database.getCollection("leases").find()) {
            owners.put(lease.getString("_id"), lease.get("owner"));
        }
        return owners;
    }

    private static String playerJson(List<String> players, int match) {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < players.size(); i++) {
            boolean winner = i == match % players.size();
            json.append(i == 0 ? "" : ",").append("{\"user_id\":\"").append(players.get(i)).append("\",\"result\":\"")
                    .append(winner ? "win" : "loss").append("\",\"points\":").append(winner ? 30 : 5)
                    .append(",\"coins_delta\":").append(winner ? COINS_PER_WIN : -COINS_PER_LOSS).append('}');
        }
        return json.toString();
    }
}

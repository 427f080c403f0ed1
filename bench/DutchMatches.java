import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import org.bson.Document;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for Dutch match reports: many concurrent game-server clients report four-player matches
 * over HTTP (loopback) with a real API key ({@code matches:write}, created through the admin API), on
 * the embedded file-backed store in a temporary directory. The service and the clients share this JVM
 * and the machine's cores. Every run is bounded in time; at the end the stored counters are checked
 * against the matches that were accepted, so a fast but wrong run fails.
 *
 * <p>{@code cmds/report} is the number of MongoDB commands the service's driver sent per answered report
 * in the measured window, counted by the driver's {@code CommandListener} (Micrometer's
 * {@code mongodb.driver.commands} timer; recovery and maintenance jobs add a few). With
 * {@code -Dbench.floor-jar=bench/minimal-app/target/minimal-app.jar} the same clients then send
 * {@code GET /ping} to that framework floor (a one-controller Micronaut app started as a child process)
 * for the same time, and the ratio of the two rates is printed. Before that (unless
 * {@code -Dbench.one-read=false}) the same clients read players' public statistics for the same time: the
 * service's own rate for a request that needs one database read ({@link #oneRead}).
 *
 * Run with bench/dutch-matches.sh (needs bootstrap/target/playerbase.jar).
 */
public class DutchMatches {

    static final int PLAYERS = Integer.getInteger("bench.players", 1000);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 3);
    static final Pattern API_KEY = Pattern.compile("\"api_key\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    static HttpClient http;
    static MeterRegistry meters;
    static URI base;
    static String apiKey;
    static List<String> players;

    /** What happened to the reports of one run; counted over the measured window only. */
    static final class Tally {
        final AtomicLong applied = new AtomicLong();
        final AtomicLong repeats = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong busy = new AtomicLong();
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("pb-bench-dutch");
        String dataDir = System.getProperty("bench.data-dir", data.toString());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", dataDir,
                "playerbase.embedded.port", 0,
                "micronaut.server.port", -1,
                "playerbase.passwords.memory-kib", 1024))) {
            ApplicationContext context = server.getApplicationContext();
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            meters = context.getBean(MeterRegistry.class);
            base = server.getURI();
            apiKey = createApiKey(context);
            players = registerPlayers(context);
            long applied = 0;
            long[] before = totals(context);

            System.out.printf("%-8s %7s %8s %10s %14s %8s %8s %8s %8s %6s %12s%n", "reports", "clients", "matches",
                    "matches/s", "player-upd/s", "p50 ms", "p99 ms", "max ms", "422s", "409s", "cmds/report");
            int measured = Integer.getInteger("bench.seconds", 10);
            System.setProperty("bench.seconds", Integer.getInteger("bench.jit-seconds", 15).toString());
            applied += run("(warm-up)", 16, 1);
            System.setProperty("bench.seconds", Integer.toString(measured));
            String clients = System.getProperty("bench.clients", "1,8,32,64");
            for (String count : clients.split(",")) {
                applied += run("distinct", Integer.parseInt(count.strip()), 1);
            }
            if (!Boolean.getBoolean("bench.skip-repeats")) {
                applied += run("each x2", 32, 2);
            }

            long[] after = totals(context);
            long expected = 4 * applied;
            if (after[0] - before[0] != expected) {
                throw new IllegalStateException("players' total_matches grew by " + (after[0] - before[0])
                        + " but the accepted matches account for " + expected);
            }
            if (after[1] != before[1]) {
                throw new IllegalStateException("coins are not conserved: " + before[1] + " before, " + after[1] + " after");
            }
            System.out.printf("check: %d matches applied, total_matches grew by %d (= 4 per match), coins conserved (%d)%n",
                    applied, after[0] - before[0], after[1]);
            if (!"false".equals(System.getProperty("bench.one-read"))) {
                oneRead(Integer.parseInt(clients.split(",")[clients.split(",").length - 1].strip()));
            }
            String floorJar = System.getProperty("bench.floor-jar");
            if (floorJar != null) {
                floor(floorJar, Integer.parseInt(clients.split(",")[clients.split(",").length - 1].strip()));
            }
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** An admin (created like the jar's create-admin command) logs in and creates the game server's key over HTTP. */
    static String createApiKey(ApplicationContext context) throws Exception {
        context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(
                "bench-admin@example.com", "benchadmin", "correct horse battery", "bench"));
        String login = post("/api/v1/auth/login", "{\"login\":\"benchadmin\",\"password\":\"correct horse battery\"}",
                Map.of(), 200);
        String token = find(ACCESS_TOKEN, login);
        String created = post("/api/v1/admin/api-keys", "{\"name\":\"bench-table-server\",\"scopes\":[\"matches:write\"]}",
                Map.of("authorization", "Bearer " + token), 201);
        return find(API_KEY, created);
    }

    static List<String> registerPlayers(ApplicationContext context) {
        RegisterUserUseCase register = context.getBean(RegisterUserUseCase.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            String name = "dutch" + i;
            ids.add(register.register(RegisterUserUseCase.Command.of(name + "@example.com", name,
                    "correct horse battery", "bench")).id());
        }
        return ids;
    }

    /** Sum of total_matches and of coins over every player (computer players included). */
    static long[] totals(ApplicationContext context) {
        Document sums = context.getBean(MongoDatabase.class).getCollection("users").aggregate(List.of(
                Aggregates.match(Filters.exists("modules.dutch_game")),
                Aggregates.group(null, Accumulators.sum("matches", "$modules.dutch_game.total_matches"),
                        Accumulators.sum("coins", "$modules.dutch_game.coins")))).first();
        return new long[]{((Number) sums.get("matches")).longValue(), ((Number) sums.get("coins")).longValue()};
    }

    /**
     * Each client reports new four-player matches back to back (winner +3 coins, each loser −1, so coins
     * are conserved), every report sent {@code sends} times in a row (a retry of an answered report).
     * Returns the number of matches applied over the whole run, warm-up included.
     */
    static long run(String label, int clients, int sends) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        long warmupEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        Tally tally = new Tally();
        AtomicLong appliedTotal = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] sampleCounts = new int[clients];
        List<Throwable> errors = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        long[] commandsAtWarmupEnd = new long[1];
        Thread snapshot = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            commandsAtWarmupEnd[0] = commands();
        });
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[1_000_000];
            latencies.add(samples);
            int client = c;
            Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        String body = match();
                        for (int send = 0; send < sends; send++) {
                            long start = System.nanoTime();
                            int status = report(body, tally, start >= warmupEnd);
                            long finished = System.nanoTime();
                            if (status == 200 && send == 0) {
                                appliedTotal.incrementAndGet();
                            }
                            if (start >= warmupEnd && sampleCounts[client] < samples.length) {
                                samples[sampleCounts[client]++] = finished - start;
                                if (status == 200) {
                                    (send == 0 ? tally.applied : tally.repeats).incrementAndGet();
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        snapshot.join();
        long commandsInWindow = commands() - commandsAtWarmupEnd[0];
        if (!errors.isEmpty()) {
            throw new IllegalStateException("run failed", errors.get(0));
        }
        long[] all = new long[Arrays.stream(sampleCounts).sum()];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, sampleCounts[c]);
            at += sampleCounts[c];
        }
        Arrays.sort(all);
        long matches = tally.applied.get();
        System.out.printf("%-8s %7d %8d %10.0f %14.0f %8.2f %8.2f %8.2f %8d %6d %12.1f%n", label, clients, matches,
                matches / (double) seconds, 4 * matches / (double) seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, tally.rejected.get(), tally.busy.get(),
                commandsInWindow / (double) all.length);
        lastRate = matches / (double) seconds;
        return appliedTotal.get();
    }

    static double lastRate;

    /** Commands the service's MongoDB clients have sent so far, as their command listener counted them. */
    static long commands() {
        return meters.find("mongodb.driver.commands").timers().stream().mapToLong(Timer::count).sum();
    }

    /**
     * The framework's floor in the same run: the minimal Micronaut app as a child process, the same number
     * of clients sending {@code GET /ping} for the same time; prints its rate and the ratio of the last
     * match-report row to it.
     */
    static void floor(String jar, int clients) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        Process app = builder.start();
        app.getOutputStream().close();
        URI ping = URI.create("http://localhost:" + port + "/ping");
        try {
            while (true) {
                try {
                    if (http.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            Gets gets = timedGets(clients, () -> ping, () -> { });
            System.out.printf("floor: minimal Micronaut app, GET /ping, %d clients: %.0f req/s, p50 %.2f ms, p99 %.2f ms; "
                    + "match reports/s of the last row / floor req/s = %.4f%n", clients, gets.rate(), gets.p50Ms(),
                    gets.p99Ms(), lastRate / gets.rate());
        } finally {
            app.destroyForcibly().waitFor();
        }
    }

    /**
     * The service's own floor for a request that needs the database once: the same clients read a random
     * player's public statistics ({@code GET /api/v1/games/dutch/players/{id}/stats}: no credentials, one
     * read) for the same time. A match report needs about nine such round trips, four of them updates of
     * four players each, so this bounds what the report rate can reach on the same HTTP server and store.
     */
    static void oneRead(int clients) throws Exception {
        long[] commandsBefore = new long[1];
        Gets gets = timedGets(clients, () -> base.resolve("/api/v1/games/dutch/players/"
                + players.get(ThreadLocalRandom.current().nextInt(players.size())) + "/stats"),
                () -> commandsBefore[0] = commands());
        long commandsInWindow = commands() - commandsBefore[0];
        System.out.printf("one read: GET a player's stats, %d clients: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %.1f cmds/request; "
                + "match reports/s of the last row / this = %.4f%n", clients, gets.rate(), gets.p50Ms(), gets.p99Ms(),
                commandsInWindow / (double) gets.answered(), lastRate / gets.rate());
    }

    /** What {@link #timedGets} measured over its window: requests answered, their rate and latencies. */
    record Gets(long answered, double rate, double p50Ms, double p99Ms) {
    }

    /**
     * {@code clients} threads send {@code GET target()} back to back for the warm-up and then
     * {@code bench.seconds}; every answer must be 200. {@code atWindowStart} runs once the warm-up is over.
     */
    static Gets timedGets(int clients, Supplier<URI> target, Runnable atWindowStart) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        long warmupEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        URI uri = target.get();
                        long start = System.nanoTime();
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                        if (start >= warmupEnd) {
                            samples.add(System.nanoTime() - start);
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        atWindowStart.run();
        done.await();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("timed GETs failed", errors.get(0));
        }
        long[] all = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Gets(all.length, all.length / (double) seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6);
    }

    /** Four distinct random players; the first wins. */
    static String match() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> four = new ArrayList<>(4);
        while (four.size() < 4) {
            String player = players.get(random.nextInt(players.size()));
            if (!four.contains(player)) {
                four.add(player);
            }
        }
        Instant ended = Instant.now();
        StringBuilder json = new StringBuilder("{\"match_id\":\"bench-").append(UUID.randomUUID())
                .append("\",\"started_at\":\"").append(ended.minusSeconds(300)).append("\",\"ended_at\":\"").append(ended)
                .append("\",\"players\":[");
        for (int i = 0; i < 4; i++) {
            json.append(i == 0 ? "" : ",").append("{\"user_id\":\"").append(four.get(i)).append("\",\"result\":\"")
                    .append(i == 0 ? "win\",\"points\":30,\"coins_delta\":3}" : "loss\",\"points\":5,\"coins_delta\":-1}");
        }
        return json.append("]}").toString();
    }

    /**
     * Sends one report until it is answered for good: 200 (applied, or the repeat of an applied one),
     * 422 (a player out of coins: rejected, nothing changed). 409 means "in flight, retry": retried
     * with the same body, as a game server would.
     */
    static int report(String body, Tally tally, boolean counted) throws Exception {
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/games/dutch/matches"))
                    .header("authorization", "ApiKey " + apiKey)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            switch (response.statusCode()) {
                case 200:
                    return 200;
                case 422:
                    if (!response.body().contains("insufficient-coins")) {
                        throw new IllegalStateException("422 " + response.body());
                    }
                    if (counted) {
                        tally.rejected.incrementAndGet();
                    }
                    return 422;
                case 409:
                    if (counted) {
                        tally.busy.incrementAndGet();
                    }
                    Thread.sleep(5);
                    continue;
                default:
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
        }
    }

    static String post(String path, String body, Map<String, String> headers, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("not found in " + body);
        }
        return matcher.group(1);
    }
}

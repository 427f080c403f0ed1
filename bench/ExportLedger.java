import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The personal-data export of one account with a large ledger: time to stream it over HTTP, and the
 * service's heap meanwhile. Two processes, so that the heap measured is the service's alone: this one
 * hosts the embedded store (in memory) and writes the ledger straight through the service's own ports
 * (a valid hash chain, amounts encrypted under the same master key); the service runs from its jar in a
 * child JVM with a capped heap against that store, and the export is fetched from it over loopback.
 * Ledger sizes are reached one after the other on the same wallet (default 10,000 then 1,000,000).
 *
 * Run with bench/export-ledger.sh (needs bootstrap/target/playerbase.jar).
 */
public class ExportLedger {

    static final String PASSWORD = "correct horse battery";
    static final Pattern HEAP_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+]+)");
    static final Pattern GC_LINE = Pattern.compile("\\[([0-9.]+)s].*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.entries", "10000,1000000").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        int storePort = Integer.getInteger("bench.store-port", 18801);
        int port = Integer.getInteger("bench.port", 18800);
        String serviceHeap = System.getProperty("bench.service-heap", "256m");
        Path jar = Path.of(System.getProperty("bench.jar", "bootstrap/target/playerbase.jar")).toAbsolutePath();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String masterKey = "k1:" + Base64.getEncoder().encodeToString(raw);
        Path work = Files.createTempDirectory("pb-export-bench");
        System.out.printf("JDK %s, %d processors; service heap -Xmx%s; load average before: %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), serviceHeap, Files.readString(Path.of("/proc/loadavg")).strip());

        try (EmbeddedMongoServer store = EmbeddedMongoServer.startInMemory(storePort)) {
            String uri = store.connectionString() + "/playerbase";
            try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                    "playerbase.mongo.uri", uri,
                    "playerbase.crypto.master-key", masterKey,
                    "micronaut.server.enabled", false,
                    "micronaut.health.monitor.enabled", false,
                    // A store busy with a million documents answers slower than the service's 1.2 s default allows.
                    "playerbase.mongo.socket-timeout", "120s",
                    "playerbase.passwords.memory-kib", 1024)).start()) {
                String name = "exporter";
                UserId user = new UserId(context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(
                        name + "@example.com", name, PASSWORD, "bench")).id());
                Process service = startService(jar, serviceHeap, port, uri, masterKey, work);
                try {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    URI base = URI.create("http://127.0.0.1:" + port);
                    awaitReady(http, base, service);
                    String token = logIn(http, base, name);
                    int written = 0;
                    System.out.println("| ledger entries | fill s | JSON MB | first byte ms | export s | entries/s | MB/s "
                            + "| service heap before, MiB | max heap sampled during, MiB | max heap after GC, MiB | load avg |");
                    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
                    for (int size : sizes) {
                        long fillStart = System.nanoTime();
                        fill(context, user, written, size);
                        double fill = (System.nanoTime() - fillStart) / 1e9;
                        written = size;
                        System.gc();
                        Thread.sleep(2000);
                        double before = heapUsed(http, base) / 1048576.0;
                        Result result = export(http, base, token);
                        if (result.entries() != size) {
                            throw new IllegalStateException("the export held " + result.entries() + " entries, not " + size);
                        }
                        System.out.printf("| %,d | %.0f | %.1f | %d | %.1f | %,.0f | %.1f | %.0f | %.0f | %s | %s |%n", size, fill,
                                result.bytes() / 1e6, result.firstByteMillis(), result.seconds(), size / result.seconds(),
                                result.bytes() / 1e6 / result.seconds(), before, result.maxHeap() / 1048576.0,
                                maxAfterGc(work.resolve("gc.log")),
                                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                    }
                } finally {
                    service.destroy();
                    if (!service.waitFor(20, TimeUnit.SECONDS)) {
                        service.destroyForcibly();
                    }
                    System.out.println("service log and GC log kept in " + work);
                }
            }
        }
    }

    /** The service from its jar, on the store of this process, with a capped heap and a GC log. */
    static Process startService(Path jar, String heap, int port, String uri, String masterKey, Path work) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-Xlog:gc:file=" + work.resolve("gc.log"),
                "-jar", jar.toString(), "--micronaut.server.port=" + port,
                // The embedded store sorts the whole ledger for the export's query before its first batch.
                "--playerbase.mongo.socket-timeout=120s")
                .redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile());
        builder.environment().put("MONGODB_URI", uri);
        builder.environment().put("PLAYERBASE_CRYPTO_MASTER_KEY", masterKey);
        return builder.start();
    }

    static void awaitReady(HttpClient http, URI base, Process service) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped; see its log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service was not ready within 5 minutes");
    }

    static String logIn(HttpClient http, URI base, String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!token.find()) {
            throw new IllegalStateException("log-in failed: " + body);
        }
        return token.group(1);
    }

    /**
     * Appends entries {@code from + 1 … to} to the wallet: built by the domain (hash chain, sequence),
     * recorded through the ledger port by four threads, then the wallet committed once with the last one.
     */
    static void fill(ApplicationContext context, UserId user, int from, int to) throws Exception {
        WalletRepository wallets = context.getBean(WalletRepository.class);
        Ledger ledger = context.getBean(Ledger.class);
        Wallet wallet = wallets.find(user).orElseThrow();
        Actor actor = Actor.system("bench");
        ExecutorService writers = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2000),
                new ThreadPoolExecutor.CallerRunsPolicy());
        List<Future<?>> last = new ArrayList<>();
        try {
            appendEntries(wallet, ledger, actor, writers, last, from, to);
        } finally {
            writers.shutdownNow();
        }
        wallets.commit(wallet, AuditEntry.of(user, actor, "wallet.credited", "wallet", List.of("balance"), Instant.now()));
        wallets.markRecorded(user, wallet.sequence());
    }

    static void appendEntries(Wallet wallet, Ledger ledger, Actor actor, ExecutorService writers, List<Future<?>> last,
                              int from, int to) throws Exception {
        for (int i = from + 1; i <= to; i++) {
            LedgerEntry entry = wallet.credit(new Amount(1), new Movement(new OperationId("bench:" + i), new ReasonCode("bench"),
                    "bench credit " + i, TransactionSource.ADMIN, actor), Instant.now());
            last.add(writers.submit(() -> ledger.record(entry)));
            if (last.size() == 10_000) {
                for (Future<?> done : last) {
                    done.get();
                }
                last.clear();
            }
        }
        for (Future<?> done : last) {
            done.get();
        }
    }

    record Result(long bytes, long entries, long firstByteMillis, double seconds, double maxHeap) {
    }

    /** Streams the export to nowhere, counting bytes and ledger entries, while sampling the service's heap. */
    static Result export(HttpClient http, URI base, String token) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxHeap = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            HttpClient probe = HttpClient.newHttpClient();
            while (running.get()) {
                try {
                    maxHeap.accumulateAndGet((long) heapUsed(probe, base), Math::max);
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/users/me/export"))
                .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        long firstByte = (System.nanoTime() - start) / 1_000_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        byte[] marker = "\"balance_after\":".getBytes(StandardCharsets.UTF_8);
        long bytes = 0;
        long entries = 0;
        int matched = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    matched = buffer[i] == marker[matched] ? matched + 1 : (buffer[i] == marker[0] ? 1 : 0);
                    if (matched == marker.length) {
                        entries++;
                        matched = 0;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        return new Result(bytes, entries, firstByte, seconds, maxHeap.get());
    }

    static double heapUsed(HttpClient http, URI base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/metrics/jvm.memory.used?tag=area:heap")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = HEAP_VALUE.matcher(body);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    /** The largest heap left after a collection in the service's GC log: what it really held. */
    static String maxAfterGc(Path log) throws Exception {
        long max = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher gc = GC_LINE.matcher(line);
            if (gc.find()) {
                max = Math.max(max, Long.parseLong(gc.group(3)));
            }
        }
        return Long.toString(max);
    }
}

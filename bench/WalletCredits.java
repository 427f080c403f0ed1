import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver: credits per second on one wallet and across many wallets, through the use case
 * (in process) and over HTTP (admin credits endpoint with Idempotency-Key, loopback only), on the
 * embedded file-backed store in a temporary directory. Every run is bounded in time.
 *
 * Run with bench/wallet-credits.sh (needs bootstrap/target/playerbase.jar).
 */
public class WalletCredits {

    static final Actor ADMIN = new Actor("650000000000000000000abc", Actor.ActorRole.ADMIN, "bench");
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 3);

    /** Returns false when the service answered "busy, retry" (409): the caller retries with the same operation id. */
    interface Credit {
        boolean run(UserId wallet, String operationId) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("pb-bench");
        String dataDir = System.getProperty("bench.data-dir", data.toString());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", dataDir,
                "playerbase.embedded.port", 0,
                "micronaut.server.port", -1,
                "playerbase.passwords.memory-kib", 1024))) {
            ApplicationContext context = server.getApplicationContext();
            CreditWalletUseCase credits = context.getBean(CreditWalletUseCase.class);
            List<UserId> wallets = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String name = "bench" + i + "x" + UUID.randomUUID().toString().substring(0, 6);
                wallets.add(new UserId(context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(
                        name + "@example.com", name, "correct horse battery", "bench")).id()));
            }
            Credit inProcess = (wallet, operation) -> {
                try {
                    credits.credit(CreditWalletUseCase.Command.of(wallet, 1L, operation, "bench", null,
                            TransactionSource.ADMIN, ADMIN));
                    return true;
                } catch (Conflict busy) {
                    return false;
                }
            };
            // A real admin account (as the jar's create-admin makes it): every request checks that the
            // token's account exists, is active and holds the role.
            String adminId = context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(
                    "bench-admin@example.com", "benchadmin", "correct horse battery", "bench")).id();
            String token = context.getBean(TokenService.class).issue(
                    new Authenticated(new UserId(adminId), List.of("player", "admin"), 0)).accessToken();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = server.getURI();
            Credit overHttp = (wallet, operation) -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                base.resolve("/api/v1/admin/users/" + wallet.value() + "/wallet/credits"))
                        .header("authorization", "Bearer " + token)
                        .header("content-type", "application/json")
                        .header("idempotency-key", operation)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1,\"reason\":\"bench\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 409) {
                    return false;
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                }
                return true;
            };

            System.out.printf("%-10s %-12s %7s %8s %12s %9s %9s %9s %6s%n", "path", "wallets", "threads", "credits",
                    "credits/s", "p50 ms", "p99 ms", "max ms", "409s");
            String only = System.getProperty("bench.only", "");
            // JIT and caches warm before anything is measured; the figures of this run are discarded.
            int measured = Integer.getInteger("bench.seconds", 10);
            System.setProperty("bench.seconds", "15");
            run("(warm-up)", only.equals("http") ? overHttp : inProcess, wallets, 8);
            System.setProperty("bench.seconds", Integer.toString(measured));
            for (int threads : new int[]{1, 8, 32}) {
                if (!only.equals("http")) {
                    run("use case", inProcess, wallets.subList(0, 1), threads);
                }
            }
            if (!only.equals("http")) {
                run("use case", inProcess, wallets, 32);
            }
            if (!only.equals("usecase")) {
                for (int threads : new int[]{1, 8, 32}) {
                    run("HTTP", overHttp, wallets.subList(0, 1), threads);
                }
                run("HTTP", overHttp, wallets, 32);
            }

            WalletQueries queries = context.getBean(WalletQueries.class);
            for (UserId wallet : wallets.subList(0, 2)) {
                if (!queries.reconcile(wallet).consistent()) {
                    throw new IllegalStateException("wallet " + wallet + " does not reconcile");
                }
            }
            System.out.println("reconcile after the runs: consistent");
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Each thread credits 1 unit with a new operation id, round-robin over its share of the wallets. */
    static void run(String path, Credit credit, List<UserId> wallets, int threads) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        long warmupEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            UserId wallet = wallets.get(t % wallets.size());
            long[] samples = new long[2_000_000];
            latencies.add(samples);
            int[] n = {0};
            Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= end) {
                            break;
                        }
                        String operation = "bench-" + UUID.randomUUID();
                        while (!credit.run(wallet, operation)) {
                            busy.incrementAndGet();
                            Thread.sleep(20);
                        }
                        long finished = System.nanoTime();
                        if (start >= warmupEnd && n[0] < samples.length) {
                            samples[n[0]++] = finished - start;
                            count.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } finally {
                    samples[samples.length - 1] = n[0];
                    done.countDown();
                }
            });
        }
        done.await();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("run failed", errors.get(0));
        }
        long[] all = latencies.stream().flatMapToLong(samples -> Arrays.stream(samples, 0, (int) samples[samples.length - 1]))
                .sorted().toArray();
        System.out.printf("%-10s %-12s %7d %8d %12.0f %9.2f %9.2f %9.2f %6d%n", path,
                wallets.size() == 1 ? "one" : wallets.size() + " (1/thread)", threads, count.get(),
                count.get() / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6, busy.get());
    }
}

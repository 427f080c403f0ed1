import com.mongodb.client.MongoDatabase;
import com.sun.management.OperatingSystemMXBean;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.dutchgame.port.in.ReportDutchMatchUseCase;
import io.playerbase.application.user.port.in.CreateAdminUseCase;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UpdateProfileUseCase;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;
import org.bson.Document;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The figures docs/scaling.md multiplies out, measured on the service itself (embedded in-memory store,
 * production password hashing): the stored size of a player (registered, with phone and address, five
 * wallet credits, some matches), of a ledger entry, an audit entry, a match, a claim, a data key; and the
 * CPU the process spends per log-in, per wallet credit and per four-player match report (service, driver
 * and embedded store together: an upper bound for the service alone).
 *
 * Run with bench/capacity-figures.sh (needs bootstrap/target/playerbase.jar).
 */
public class CapacityFigures {

    static final int PLAYERS = Integer.getInteger("bench.players", 400);
    static final int MATCHES = Integer.getInteger("bench.matches", 800);
    static final String PASSWORD = "correct horse battery";

    public static void main(String[] args) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", ":memory:",
                "playerbase.embedded.port", 0,
                "micronaut.server.port", -1,
                "playerbase.rate-limits.enabled", false))) {
            ApplicationContext context = server.getApplicationContext();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            RegisterUserUseCase register = context.getBean(RegisterUserUseCase.class);
            UpdateProfileUseCase profile = context.getBean(UpdateProfileUseCase.class);
            List<UserId> players = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < PLAYERS; i++) {
                String name = "player" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                UserId id = new UserId(register.register(RegisterUserUseCase.Command.of(name + "@example.com", name, PASSWORD, "bench")).id());
                profile.update(new UpdateProfileUseCase.Command(id, null, "+33 6 12 34 56 78",
                        "12 rue des Lilas, 75011 Paris, France", Actor.player(id, "bench")));
                players.add(id);
                names.add(name);
            }

            LogInUseCase logIn = context.getBean(LogInUseCase.class);
            int logins = 40;
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < logins; i++) {
                logIn.logIn(new LogInUseCase.Command(names.get(i), PASSWORD, "bench"));
            }
            report("log-in (Argon2id, production settings)", logins, os.getProcessCpuTime() - cpu, System.nanoTime() - wall);

            UserId admin = new UserId(context.getBean(CreateAdminUseCase.class).create(new CreateAdminUseCase.Command(
                    "capacity-admin@example.com", "capacityadmin", PASSWORD, "bench")).id());
            Actor staff = Actor.staff(admin, Actor.ActorRole.ADMIN, "bench");
            CreditWalletUseCase credit = context.getBean(CreditWalletUseCase.class);
            cpu = os.getProcessCpuTime();
            wall = System.nanoTime();
            for (UserId player : players) {
                for (int i = 0; i < 5; i++) {
                    credit.credit(CreditWalletUseCase.Command.of(player, 100L, "bench-" + player.value() + "-" + i, "goodwill",
                            "bench credit", TransactionSource.ADMIN, staff));
                }
            }
            report("wallet credit", players.size() * 5, os.getProcessCpuTime() - cpu, System.nanoTime() - wall);

            String key = context.getBean(CreateApiKeyUseCase.class).create(new CreateApiKeyUseCase.Command("bench",
                    List.of("matches:write"), staff)).key().id();
            ReportDutchMatchUseCase reportMatch = context.getBean(ReportDutchMatchUseCase.class);
            Random random = new Random(19);
            Instant end = Instant.now().minusSeconds(60);
            cpu = os.getProcessCpuTime();
            wall = System.nanoTime();
            for (int m = 0; m < MATCHES; m++) {
                List<PlayerResult> lines = new ArrayList<>();
                List<UserId> seated = new ArrayList<>();
                while (seated.size() < 4) {
                    UserId player = players.get(random.nextInt(players.size()));
                    if (!seated.contains(player)) {
                        seated.add(player);
                        lines.add(new PlayerResult(player, seated.size() == 1 ? MatchResult.WIN : MatchResult.LOSS,
                                seated.size() == 1 ? 30 : 5, seated.size() == 1 ? 3 : -1));
                    }
                }
                reportMatch.report(new ReportDutchMatchUseCase.Command(new MatchReport(new MatchId("bench-" + UUID.randomUUID()),
                        end.minusSeconds(600), end, lines), Actor.gameServer(key, "bench")));
            }
            report("four-player match report", MATCHES, os.getProcessCpuTime() - cpu, System.nanoTime() - wall);

            MongoDatabase database = context.getBean(MongoDatabase.class);
            System.out.printf("%-22s %10s %14s%n", "collection", "documents", "bytes/document");
            for (String collection : List.of("users", "user_keys", "claims", "wallet_transactions", "user_audit_logs",
                    "dutch_matches", "api_keys")) {
                Document stats = database.runCommand(new Document("collStats", collection));
                long count = ((Number) stats.get("count")).longValue();
                long size = ((Number) stats.get("size")).longValue();
                System.out.printf("%-22s %10d %14d%n", collection, count, count == 0 ? 0 : size / count);
            }
            System.out.printf("per player: %d matches, 5 credits; per match: 4 players%n", MATCHES * 4 / PLAYERS);
        }
    }

    static void report(String what, int count, long cpuNanos, long wallNanos) {
        System.out.printf("%-40s %6d ops  %8.2f ms CPU/op  %8.2f ms wall/op%n", what, count,
                cpuNanos / 1e6 / count, wallNanos / 1e6 / count);
    }
}

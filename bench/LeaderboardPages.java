import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.playerbase.adapters.mongo.dutchgame.DutchRankingPass;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.domain.dutchgame.DutchStats;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Leaderboard page times at a given number of players, on the embedded in-memory store, over HTTP
 * (loopback): the top page, a deep page (the median player) with a cursor that carries its rank and
 * with one issued before ranks travelled in cursors (counted from the ranking marks), and a player's
 * neighbourhood (around, radius 10), by points and by win rate. For comparison, the queries of before
 * (one filter over every player, sorted by the value, and a count of the players above) on the same
 * data, sent through the driver, and a page sorted so that no index serves it: what every page cost
 * on the embedded store before it had ordered indexes. Players are written directly (what the leaderboards read),
 * with stats drawn so that many are new (0 matches) and ties are common.
 *
 * Run with bench/leaderboard-pages.sh (needs bootstrap/target/playerbase.jar).
 */
public class LeaderboardPages {

    static final int PLAYERS = Integer.getInteger("bench.players", 100_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 200);
    static final int MIN_MATCHES = 10;

    public static void main(String[] args) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "playerbase.embedded.data-dir", ":memory:",
                "playerbase.embedded.port", 0,
                "micronaut.server.port", -1,
                "playerbase.passwords.memory-kib", 1024,
                "playerbase.rate-limits.enabled", false,
                // The bench runs the ranking pass itself, once the players are written.
                "playerbase.dutch-game.ranking-interval", "1h"))) {
            ApplicationContext context = server.getApplicationContext();
            MongoDatabase database = context.getBean(MongoDatabase.class);
            long start = System.nanoTime();
            fill(context, database);
            System.out.printf("players: %,d written in %.1f s%n", PLAYERS, seconds(start));

            start = System.nanoTime();
            context.getBean(DutchRankingPass.class).run();
            System.out.printf("ranking pass (stamps + marks of 6 boards): %.1f s%n", seconds(start));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = server.getURI();
            MongoCollection<Document> users = database.getCollection("users");
            System.out.printf("%-40s %10s %10s %10s%n", "read", "first ms", "p50 ms", "p99 ms");
            for (String by : List.of("points", "win_rate")) {
                String field = by.equals("points") ? "modules.dutch_game.points" : "modules.dutch_game._board_win_rate";
                Document median = medianPlayer(users, by, field);
                double value = ((Number) ((Document) ((Document) median.get("modules")).get("dutch_game"))
                        .get(by.equals("points") ? "points" : "win_rate")).doubleValue();
                String id = median.getObjectId("_id").toHexString();
                String oldCursor = cursor(value + "|" + id);
                String rankedCursor = cursor(value + "|" + id + "|" + PLAYERS / 2);
                measure(by + ": top page, 20", () -> get(http, base, "/api/v1/games/dutch/leaderboard?by=" + by + "&limit=20"));
                measure(by + ": top page, 100", () -> get(http, base, "/api/v1/games/dutch/leaderboard?by=" + by + "&limit=100"));
                measure(by + ": median page, cursor with rank", () -> get(http, base,
                        "/api/v1/games/dutch/leaderboard?by=" + by + "&limit=20&cursor=" + rankedCursor));
                measure(by + ": median page, cursor without rank", () -> get(http, base,
                        "/api/v1/games/dutch/leaderboard?by=" + by + "&limit=20&cursor=" + oldCursor));
                measure(by + ": around the median player, radius 10", () -> get(http, base,
                        "/api/v1/games/dutch/leaderboard/around/" + id + "?by=" + by + "&radius=10"));
                String plain = "modules.dutch_game." + by;
                var board = Filters.and(Filters.eq("status", "active"), Filters.ne("is_comp_player", true),
                        by.equals("win_rate") ? Filters.gte("modules.dutch_game.total_matches", MIN_MATCHES) : new Document());
                int before = Integer.getInteger("bench.before-rounds", 5);
                measure(by + ": before: top page, 20 (driver)", before, () -> users.find(board)
                        .sort(Sorts.orderBy(Sorts.descending(plain), Sorts.ascending("_id"))).limit(21).into(new ArrayList<>()).size());
                measure(by + ": before: rank of the median (driver)", before, () -> (int) users.countDocuments(Filters.and(board,
                        Filters.or(Filters.gt(plain, value), Filters.and(Filters.eq(plain, value), Filters.lt("_id", new ObjectId(id)))))));
                // What the embedded store did before it had ordered indexes: every page filtered and sorted all players.
                measure(by + ": scan and sort (store before)", before, () -> users.find(board)
                        .sort(Sorts.orderBy(Sorts.descending(plain), Sorts.ascending("username"))).limit(21).into(new ArrayList<>()).size());
            }
        }
    }

    /**
     * One real registration (the service's own paths warmed), then players that carry what the leaderboards
     * read (username, status, kind, the Dutch counters; placeholder blind-index entries for the unique
     * indexes), not a whole account: a million whole accounts do not fit the heap of this machine's
     * embedded store (docs/benchmarks.md).
     */
    static void fill(ApplicationContext context, MongoDatabase database) {
        context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(
                "template@example.com", "template", "correct horse battery", "bench"));
        MongoCollection<Document> users = database.getCollection("users");
        Random random = new Random(19);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            Random draw = random;
            // A third never played; the others played a geometric-ish number of matches.
            long total = draw.nextInt(3) == 0 ? 0 : (long) Math.min(5000, -40 * Math.log(1 - draw.nextDouble()));
            long wins = total == 0 ? 0 : (long) Math.floor(total * draw.nextDouble());
            long points = wins * 25 + (total - wins) * 5;
            double rate = total == 0 ? 0.0 : Math.round(10_000.0 * wins / total) / 10_000.0;
            DutchStats stats = DutchStats.derive(wins, total - wins, total, points, null);
            Document dutch = new Document("wins", wins).append("losses", total - wins).append("total_matches", total)
                    .append("points", points).append("level", stats.level()).append("rank", stats.rank()).append("win_rate", rate);
            if (total >= MIN_MATCHES) {
                dutch.append("_board_win_rate", rate);
            }
            Document user = new Document("_id", new ObjectId()).append("username", "p" + i)
                    .append("email_bidx", List.of("bench:e" + i)).append("username_bidx", List.of("bench:u" + i))
                    .append("status", draw.nextInt(100) == 0 ? "suspended" : "active").append("is_comp_player", false)
                    .append("modules", new Document("dutch_game", dutch));
            batch.add(user);
            if (batch.size() == 1000) {
                users.insertMany(batch, new InsertManyOptions().ordered(false));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            users.insertMany(batch, new InsertManyOptions().ordered(false));
        }
    }

    /** The player at the middle of the board (through the board index, by the same query the service runs). */
    static Document medianPlayer(MongoCollection<Document> users, String by, String field) {
        var members = Filters.and(Filters.eq("status", "active"), Filters.eq("is_comp_player", false),
                by.equals("win_rate") ? Filters.gte("modules.dutch_game.total_matches", MIN_MATCHES) : new Document(),
                Filters.gte(field, Double.NEGATIVE_INFINITY));
        long size = users.countDocuments(members);
        return users.find(members).sort(Sorts.orderBy(Sorts.descending(field), Sorts.ascending("_id")))
                .skip((int) (size / 2)).limit(1).first();
    }

    static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static int get(HttpClient http, URI base, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().length();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void measure(String name, Supplier<Integer> read) {
        measure(name, ROUNDS, read);
    }

    /** The first call (an index built on first use shows here), then the rest: p50 and p99. */
    static void measure(String name, int rounds, Supplier<Integer> read) {
        long start = System.nanoTime();
        read.get();
        double first = (System.nanoTime() - start) / 1e6;
        double[] times = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            start = System.nanoTime();
            read.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf("%-40s %10.1f %10.2f %10.2f%n", name, first, times[rounds / 2],
                times[Math.min(rounds - 1, (int) Math.ceil(rounds * 0.99) - 1)]);
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

package io.playerbase.bootstrap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.compplayer.port.in.PickCompPlayersUseCase;
import io.playerbase.application.dutchgame.port.in.RecoverDutchMatchesUseCase;
import io.playerbase.application.dutchgame.port.in.ReportDutchMatchUseCase;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dutch statistics against the real service on the embedded store. Matches are reported through the
 * use case, not over HTTP: game servers authenticate with API keys, which arrive with the access-control
 * branch; once merged, the reports here should go through {@code POST /api/v1/games/dutch/matches}
 * with a real key. Reads go over HTTP.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.dutch-game.min-matches-for-win-rate", value = "2")
class DutchGameEndToEndTest {

    private static final Instant END = Instant.parse("2026-05-01T12:00:00Z");

    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MongoDatabase database;
    @Inject
    ReportDutchMatchUseCase reportMatch;
    @Inject
    RecoverDutchMatchesUseCase recover;
    @Inject
    TokenService tokens;
    @Inject
    FaultInjection faults;
    @Inject
    PickCompPlayersUseCase pickCompPlayers;

    private UserId register() {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", name + "@example.com", "username", name, "password", "correct horse battery")), Map.class);
        return new UserId((String) response.body().get("id"));
    }

    private static String uniqueMatchId() {
        return "m-" + UUID.randomUUID();
    }

    private void send(MatchReport report, String keyId) {
        reportMatch.report(new ReportDutchMatchUseCase.Command(report,
                new Actor(keyId, Actor.ActorRole.GAME_SERVER, "req-" + report.matchId())));
    }

    private Document dutch(UserId player) {
        Document user = database.getCollection("users").find(Filters.eq("_id", new ObjectId(player.value()))).first();
        return user.get("modules", Document.class).get("dutch_game", Document.class);
    }

    private long number(UserId player, String field) {
        return ((Number) dutch(player).get(field)).longValue();
    }

    private long auditCount(UserId player, String action) {
        return database.getCollection("user_audit_logs").countDocuments(Filters.and(
                Filters.eq("user_id", new ObjectId(player.value())), Filters.eq("action", action)));
    }

    /** A real account holding the roles (every request checks its account's current roles). */
    private String bearer(String... roles) {
        List<String> wanted = List.of(roles);
        if (wanted.contains("admin")) {
            return "Bearer " + StaffAccounts.admin(context);
        }
        if (wanted.contains("support")) {
            return "Bearer " + StaffAccounts.support(context);
        }
        return "Bearer " + tokens.issue(new Authenticated(register(), wanted, 0)).accessToken();
    }

    private HttpStatus statusOf(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    @Test
    void twoHundredMatchesReportedRepeatedlyByEightClientsCountOnceEach() throws Exception {
        List<UserId> players = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            players.add(register());
        }
        Random random = new Random(42);
        List<MatchReport> matches = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<UserId> table = new ArrayList<>(players);
            Collections.shuffle(table, random);
            List<PlayerResult> lines = new ArrayList<>();
            for (int seat = 0; seat < 4; seat++) {
                boolean won = seat == 0;
                lines.add(new PlayerResult(table.get(seat), won ? MatchResult.WIN : MatchResult.LOSS,
                        random.nextInt(50), won ? 3 : -1));
            }
            matches.add(new MatchReport(new MatchId(uniqueMatchId()), END.minusSeconds(600 + i), END.plusSeconds(i), lines));
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            List<MatchReport> order = new ArrayList<>(matches);
            order.addAll(matches);
            order.addAll(matches);
            Collections.shuffle(order, new Random(client));
            String key = "key-" + client;
            runs.add(clients.submit(() -> {
                for (MatchReport report : order) {
                    send(report, key);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        clients.shutdown();

        for (UserId player : players) {
            long wins = 0, losses = 0, points = 0, coins = 100;
            for (MatchReport match : matches) {
                for (PlayerResult line : match.players()) {
                    if (line.userId().equals(player)) {
                        wins += line.result() == MatchResult.WIN ? 1 : 0;
                        losses += line.result() == MatchResult.LOSS ? 1 : 0;
                        points += line.points();
                        coins += line.coinsDelta();
                    }
                }
            }
            assertEquals(wins, number(player, "wins"), "wins of " + player);
            assertEquals(losses, number(player, "losses"), "losses of " + player);
            assertEquals(wins + losses, number(player, "total_matches"));
            assertEquals(points, number(player, "points"));
            assertEquals(coins, number(player, "coins"));
            assertEquals(List.of(), dutch(player).getList("coin_holds", Document.class));
            assertEquals(wins + losses, auditCount(player, "dutch_game.match_applied"), "one audit entry per match");
        }
        assertEquals(200, database.getCollection("dutch_matches").countDocuments(Filters.and(
                Filters.in("match_id", matches.stream().map(m -> m.matchId().value()).toList()),
                Filters.eq("state", "applied"))));
    }

    @Test
    void aCrashAfterSomePlayersWereWrittenIsCompletedByTheRetryWithExactCounters() {
        List<UserId> table = List.of(register(), register(), register(), register());
        MatchReport report = new MatchReport(new MatchId(uniqueMatchId()), END.minusSeconds(600), END, List.of(
                new PlayerResult(table.get(0), MatchResult.WIN, 40, 30),
                new PlayerResult(table.get(1), MatchResult.LOSS, 10, -10),
                new PlayerResult(table.get(2), MatchResult.LOSS, 5, -10),
                new PlayerResult(table.get(3), MatchResult.LOSS, 0, -10)));
        faults.crashPartway("applyAll", 2);
        assertThrows(IllegalStateException.class, () -> send(report, "key-1"));
        assertEquals(1, number(table.get(0), "total_matches"));
        assertEquals(1, number(table.get(1), "total_matches"));
        assertEquals(0, number(table.get(2), "total_matches"), "the crash came before the third player");
        assertEquals(90, number(table.get(3), "coins"), "the third and fourth players' coins are held");

        send(report, "key-1");
        send(report, "key-1");
        for (UserId player : table) {
            assertEquals(1, number(player, "total_matches"), "exactly once");
            assertEquals(List.of(), dutch(player).getList("coin_holds", Document.class));
        }
        assertEquals(130, number(table.get(0), "coins"));
        assertEquals(90, number(table.get(2), "coins"));
        assertEquals(40, number(table.get(0), "points"));
        assertEquals(1, auditCount(table.get(1), "dutch_game.match_applied"));
    }

    @Test
    void aCrashAfterEveryPlayersWriteBeforeTheMatchKnowsDoesNotCountAnyoneTwice() {
        List<UserId> table = List.of(register(), register(), register());
        MatchReport report = new MatchReport(new MatchId(uniqueMatchId()), END.minusSeconds(600), END, List.of(
                new PlayerResult(table.get(0), MatchResult.WIN, 40, 5),
                new PlayerResult(table.get(1), MatchResult.LOSS, 10, -5),
                new PlayerResult(table.get(2), MatchResult.LOSS, 10, -5)));
        // Every player's counters are written, then the crash: the match does not know it yet.
        faults.failAfter("finishApplied", 0);
        assertThrows(IllegalStateException.class, () -> send(report, "key-1"));
        for (UserId player : table) {
            assertEquals(1, number(player, "total_matches"));
        }

        send(report, "key-2");
        for (UserId player : table) {
            assertEquals(1, number(player, "total_matches"), "exactly once");
        }
        assertEquals(95, number(table.get(1), "coins"));
        assertEquals(10, number(table.get(1), "points"));
        assertEquals(1, auditCount(table.get(1), "dutch_game.match_applied"));
    }

    @Test
    void theRecoveryPassCompletesAMatchNobodyRetries() {
        List<UserId> table = List.of(register(), register());
        MatchReport report = new MatchReport(new MatchId(uniqueMatchId()), END.minusSeconds(600), END, List.of(
                new PlayerResult(table.get(0), MatchResult.WIN, 40, 0),
                new PlayerResult(table.get(1), MatchResult.LOSS, 10, -5)));
        faults.crashPartway("applyAll", 1);
        assertThrows(IllegalStateException.class, () -> send(report, "key-1"));
        assertEquals(0, number(table.get(1), "total_matches"));
        assertTrue(recover.recover(new RecoverDutchMatchesUseCase.Command(Duration.ofSeconds(-1))) >= 1);
        assertEquals(1, number(table.get(0), "total_matches"));
        assertEquals(1, number(table.get(1), "total_matches"));
        assertEquals(95, number(table.get(1), "coins"));
    }

    @Test
    void coinsBelowZeroRejectTheReportAndNothingChanges() {
        UserId ann = register();
        UserId bob = register();
        MatchReport report = new MatchReport(new MatchId(uniqueMatchId()), END.minusSeconds(600), END, List.of(
                new PlayerResult(ann, MatchResult.WIN, 40, 200),
                new PlayerResult(bob, MatchResult.LOSS, 10, -101)));
        RuleViolation e = assertThrows(RuleViolation.class, () -> send(report, "key-1"));
        assertEquals("insufficient-coins", e.code());
        for (UserId player : List.of(ann, bob)) {
            assertEquals(100, number(player, "coins"));
            assertEquals(0, number(player, "total_matches"));
            assertEquals(0, auditCount(player, "dutch_game.coins_held"));
        }
        assertEquals(0, database.getCollection("dutch_matches").countDocuments(Filters.eq("match_id", report.matchId().value())));
    }

    @Test
    void computerPlayersAreHandedOutAcrossThePool() {
        List<String> first = pickCompPlayers.pick(new PickCompPlayersUseCase.Command(3)).stream().map(CompPlayerView::username).toList();
        List<String> second = pickCompPlayers.pick(new PickCompPlayersUseCase.Command(2)).stream().map(CompPlayerView::username).toList();
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        assertEquals(Set.of("alex.morris87", "lena_kay", "jordanrivers", "samuel.b", "nina_holt"), all,
                "the second pick takes the two the first left");
        RuleViolation e = assertThrows(RuleViolation.class, () -> pickCompPlayers.pick(new PickCompPlayersUseCase.Command(6)));
        assertEquals("not-enough-comp-players", e.code());
        assertEquals("Asked for 6 computer players; 5 exist", e.getMessage());
    }

    @Test
    void matchesRacingForTheSameCoinsNeverTakeAPlayerBelowZero() throws Exception {
        UserId payer = register();
        UserId winner = register();
        List<MatchReport> matches = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            matches.add(new MatchReport(new MatchId(uniqueMatchId()), END.minusSeconds(600), END, List.of(
                    new PlayerResult(winner, MatchResult.WIN, 1, 30), new PlayerResult(payer, MatchResult.LOSS, 1, -30))));
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (MatchReport match : matches) {
            outcomes.add(clients.submit(() -> {
                try {
                    send(match, "key-1");
                    return true;
                } catch (RuleViolation e) {
                    assertEquals("insufficient-coins", e.code());
                    return false;
                }
            }));
        }
        int applied = 0;
        for (Future<Boolean> outcome : outcomes) {
            applied += outcome.get() ? 1 : 0;
        }
        clients.shutdown();
        assertEquals(3, applied, "100 coins pay for three debits of 30, never a fourth");
        assertEquals(10, number(payer, "coins"));
        assertEquals(3, number(payer, "total_matches"));
        assertEquals(190, number(winner, "coins"));
        assertEquals(3, number(winner, "total_matches"), "rejected matches changed nothing for the other player");
        assertEquals(List.of(), dutch(payer).getList("coin_holds", Document.class));
    }

    @Test
    void statsLeaderboardsAndMatchesReadOverHttp() {
        UserId ann = register();
        UserId bob = register();
        String matchId = uniqueMatchId();
        send(new MatchReport(new MatchId(matchId), END.minusSeconds(600), END, List.of(
                new PlayerResult(ann, MatchResult.WIN, 1_000_000, 0), new PlayerResult(bob, MatchResult.LOSS, 999_999, 0))), "key-1");
        send(new MatchReport(new MatchId(uniqueMatchId()), END, END.plusSeconds(60), List.of(
                new PlayerResult(ann, MatchResult.WIN, 1_000_000, 0), new PlayerResult(bob, MatchResult.LOSS, 999_999, 0))), "key-1");

        Map<String, Object> stats = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/dutch/players/" + ann + "/stats"),
                Argument.mapOf(String.class, Object.class));
        assertEquals(2, stats.get("wins"));
        assertEquals(2_000_000, stats.get("points"));
        assertEquals(1.0, stats.get("win_rate"));
        assertEquals(1, stats.get("formula_version"));

        Map<String, Object> top = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/dutch/leaderboard?by=points&limit=1"),
                Argument.mapOf(String.class, Object.class));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) top.get("entries")).get(0);
        assertEquals(1, first.get("rank"));
        assertEquals(ann.value(), ((Map<?, ?>) first.get("player")).get("user_id"));
        Map<String, Object> next = http.toBlocking().retrieve(HttpRequest.GET(
                "/api/v1/games/dutch/leaderboard?by=points&limit=1&cursor=" + top.get("next_cursor")),
                Argument.mapOf(String.class, Object.class));
        Map<?, ?> second = (Map<?, ?>) ((List<?>) next.get("entries")).get(0);
        assertEquals(2, second.get("rank"));
        assertEquals(bob.value(), ((Map<?, ?>) second.get("player")).get("user_id"));

        Map<String, Object> around = http.toBlocking().retrieve(HttpRequest.GET(
                "/api/v1/games/dutch/leaderboard/around/" + bob + "?by=win_rate&radius=1"), Argument.mapOf(String.class, Object.class));
        List<?> entries = (List<?>) around.get("entries");
        assertTrue(entries.stream().anyMatch(e -> bob.value().equals(((Map<?, ?>) ((Map<?, ?>) e).get("player")).get("user_id"))));

        HttpRequest<?> asAdmin = HttpRequest.GET("/api/v1/games/dutch/matches/" + matchId).header("Authorization", bearer("player", "admin"));
        Map<String, Object> match = http.toBlocking().retrieve(asAdmin, Argument.mapOf(String.class, Object.class));
        assertEquals("applied", match.get("status"));
        assertEquals("key-1", match.get("reported_by"));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.GET("/api/v1/games/dutch/matches/" + matchId)
                .header("Authorization", bearer("player"))));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.POST("/api/v1/games/dutch/matches", "{}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Authorization", bearer("player", "admin"))),
                "only game servers report matches");
    }
}

package io.playerbase.application.dutchgame;

import io.playerbase.application.referral.ReferralTestModule;
import io.playerbase.application.dutchgame.port.in.LeaderboardView;
import io.playerbase.application.dutchgame.port.in.MatchView;
import io.playerbase.application.dutchgame.port.in.RecoverDutchMatchesUseCase;
import io.playerbase.application.dutchgame.port.in.ReportDutchMatchUseCase;
import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryDutchGame;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DutchGameServicesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final Actor SERVER = new Actor("key-1", Actor.ActorRole.GAME_SERVER, "req-1");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryDutchGame store = new InMemoryDutchGame();
    private final MatchProtocol protocol = new MatchProtocol(store, ReferralTestModule.empty(clock).qualification, clock);
    private final ReportDutchMatchService report = new ReportDutchMatchService(store, protocol, clock);
    private final RecoverDutchMatchesService recover = new RecoverDutchMatchesService(store, protocol, clock);
    private final DutchGameQueryService queries = new DutchGameQueryService(store, store, new DutchGameSettings(3, 100));

    private final UserId ann = store.addPlayer("ann", false, 100);
    private final UserId bob = store.addPlayer("bob", false, 100);
    private final UserId cpu = store.addPlayer("lena_kay", true, 1000);

    private static MatchReport match(String id, PlayerResult... lines) {
        return new MatchReport(new MatchId(id), NOW.minusSeconds(600), NOW.minusSeconds(1), List.of(lines));
    }

    private static PlayerResult win(UserId id, long points, long coins) {
        return new PlayerResult(id, MatchResult.WIN, points, coins);
    }

    private static PlayerResult loss(UserId id, long points, long coins) {
        return new PlayerResult(id, MatchResult.LOSS, points, coins);
    }

    private MatchView send(MatchReport match) {
        return report.report(new ReportDutchMatchUseCase.Command(match, SERVER));
    }

    @Test
    void aReportUpdatesEveryPlayerOnceAndARepeatReturnsTheSameView() {
        MatchReport m = match("m1", win(ann, 60, 20), loss(bob, 10, -20), loss(cpu, 5, 0));
        MatchView first = send(m);
        MatchView again = send(match("m1", loss(cpu, 5, 0), win(ann, 60, 20), loss(bob, 10, -20)));
        assertEquals(first, again);
        assertEquals("applied", first.status());
        assertEquals("key-1", first.reportedBy());
        assertEquals(new DutchStats(1, 0, 1, 60, 2, "unranked", 1.0, 1, NOW.minusSeconds(1)), store.statsOf(ann));
        assertEquals(1, store.statsOf(bob).losses());
        assertEquals(120, store.coinsOf(ann));
        assertEquals(80, store.coinsOf(bob));
        assertEquals(1000, store.coinsOf(cpu));
        assertEquals(0, store.holdsOf(bob), "holds are consumed when the match is applied");
        assertEquals(3, store.audit().stream().filter(e -> e.action().equals("dutch_game.match_applied")).count());
    }

    @Test
    void theSameMatchIdWithOtherContentIsRejected() {
        send(match("m1", win(ann, 60, 0), loss(bob, 10, 0)));
        RuleViolation e = assertThrows(RuleViolation.class, () -> send(match("m1", win(ann, 61, 0), loss(bob, 10, 0))));
        assertEquals("match-id-reused", e.code());
        assertEquals(60, store.statsOf(ann).points());
    }

    @Test
    void coinsBelowZeroRejectTheWholeMatchAndChangeNothing() {
        RuleViolation e = assertThrows(RuleViolation.class,
                () -> send(match("m1", win(ann, 60, 500), loss(bob, 10, -101))));
        assertEquals("insufficient-coins", e.code());
        assertEquals(DutchStats.initial(), store.statsOf(ann));
        assertEquals(100, store.coinsOf(ann));
        assertEquals(100, store.coinsOf(bob));
        assertEquals(0, store.matchCount());
        assertEquals(0, store.audit().size());
        assertEquals("applied", send(match("m1", win(ann, 60, 500), loss(bob, 10, -100))).status(),
                "a rejected match id can be reported again");
        assertEquals(0, store.coinsOf(bob));
    }

    @Test
    void aHoldDecidedUnderConcurrencyIsReleasedAndTheMatchDeleted() {
        // Passes the pre-check on a stale read, then loses the coins to another match before its hold.
        MatchReport m = match("m1", win(ann, 60, 0), loss(bob, 10, -80));
        var match = store.insertOrGet(m, "key-1", NOW);
        send(match("other", win(bob, 1, -50), loss(ann, 1, 0)));
        MatchProtocol.Outcome outcome = protocol.complete(match, SERVER);
        assertEquals("insufficient-coins", ((MatchProtocol.Rejected) outcome).reason().code());
        assertEquals(1, store.matchCount());
        assertEquals(50, store.coinsOf(bob));
        assertEquals(0, store.holdsOf(ann));
        assertEquals(1, store.statsOf(ann).totalMatches());
    }

    @Test
    void unknownAndSuspendedPlayersRejectTheReport() {
        UserId ghost = UserId.newId(NOW);
        assertEquals("unknown-player", assertThrows(RuleViolation.class,
                () -> send(match("m1", win(ann, 1, 0), loss(ghost, 1, 0)))).code());
        store.suspend(bob);
        assertEquals("inactive-player", assertThrows(RuleViolation.class,
                () -> send(match("m2", win(ann, 1, 0), loss(bob, 1, 0)))).code());
        assertEquals(DutchStats.initial(), store.statsOf(ann));
    }

    @Test
    void aNewReportReadsItsPlayersOnceForThePreCheckAndTheCounters() {
        int before = store.playerReads();
        send(match("m1", win(ann, 60, 20), loss(bob, 10, -20)));
        assertEquals(1, store.playerReads() - before);

        int again = store.playerReads();
        send(match("m1", win(ann, 60, 20), loss(bob, 10, -20)));
        assertEquals(1, store.playerReads() - again, "a repeat reads its players once too, for the pre-check");
    }

    /** The pre-check's read is stale by the time the counters are written: that player is read again, nothing is lost. */
    @Test
    void aMatchAppliedBetweenThePreCheckAndTheCountersIsNotOverwritten() {
        store.beforeNextInsert(() -> send(match("other", win(ann, 40, 5), loss(cpu, 1, 0))));
        int before = store.playerReads();

        MatchView view = send(match("m1", win(ann, 60, 20), loss(bob, 10, -20)));

        assertEquals("applied", view.status());
        // m1's pre-check, the other match's, and one read of m1's players again after ann's write lost the race.
        assertEquals(3, store.playerReads() - before);
        DutchStats annStats = store.statsOf(ann);
        assertEquals(2, annStats.totalMatches(), "both matches counted");
        assertEquals(2, annStats.wins());
        assertEquals(100, annStats.points());
        assertEquals(125, store.coinsOf(ann));
        assertEquals(1, store.statsOf(bob).totalMatches());
        assertEquals(80, store.coinsOf(bob));
    }

    @Test
    void aCrashAfterSomePlayersWereWrittenIsCompletedByARetryWithoutDoubleCounting() {
        UserId cat = store.addPlayer("cat", false, 100);
        MatchReport m = match("m1", win(ann, 60, 10), loss(bob, 10, -10), loss(cat, 5, -10), loss(cpu, 0, 0));
        store.failAfterWrites(4 + 2); // four holds, two players' counters, then the crash
        assertThrows(IllegalStateException.class, () -> send(m));
        assertEquals(1, store.statsOf(ann).totalMatches());
        assertEquals(0, store.statsOf(cat).totalMatches());
        assertEquals(90, store.coinsOf(cat), "the debit is held");

        MatchView view = send(m);
        assertEquals("applied", view.status());
        for (UserId player : List.of(ann, bob, cat, cpu)) {
            assertEquals(1, store.statsOf(player).totalMatches(), "exactly once for " + player);
            assertEquals(0, store.holdsOf(player));
        }
        assertEquals(110, store.coinsOf(ann));
        assertEquals(90, store.coinsOf(bob));
        assertEquals(90, store.coinsOf(cat));
    }

    @Test
    void theRecoveryPassCompletesAnAbandonedMatch() {
        MatchReport m = match("m1", win(ann, 60, 0), loss(bob, 10, -10));
        store.failAfterWrites(1);
        assertThrows(IllegalStateException.class, () -> send(m));
        assertEquals(1, recover.recover(new RecoverDutchMatchesUseCase.Command(Duration.ZERO.minusSeconds(1))));
        assertEquals(1, store.statsOf(ann).totalMatches());
        assertEquals(90, store.coinsOf(bob));
        assertEquals(0, store.holdsOf(bob));
        assertEquals(0, recover.recover(new RecoverDutchMatchesUseCase.Command(Duration.ZERO.minusSeconds(1))));
        assertEquals("applied", send(m).status());
        assertEquals(1, store.statsOf(ann).totalMatches());
    }

    @Test
    void theRecoveryPassReleasesAHoldLeftBehindByARejectedAttempt() {
        MatchReport m = match("m1", win(ann, 60, 0), loss(bob, 10, -30));
        var match = store.insertOrGet(m, "key-1", NOW);
        store.transition(match.report().matchId(), match.attemptId(), MatchState.RESERVING,
                MatchState.REJECTING, NOW);
        store.deleteRejected(match.report().matchId(), match.attemptId());
        // A slow completer places its hold after the rejection, then crashes before releasing it.
        store.hold(bob, m.matchId(), match.attemptId(), 30, AuditEntry.of(bob, SERVER,
                "dutch_game.coins_held", "dutch_game", List.of("coins"), NOW));
        assertEquals(70, store.coinsOf(bob));
        assertEquals(1, recover.recover(new RecoverDutchMatchesUseCase.Command(Duration.ZERO)));
        assertEquals(100, store.coinsOf(bob));
        assertEquals(0, store.holdsOf(bob));
        assertEquals(0, recover.recover(new RecoverDutchMatchesUseCase.Command(Duration.ZERO)));
    }

    @Test
    void concurrentDuplicatesCountEachMatchOnce() throws Exception {
        List<UserId> players = new ArrayList<>(List.of(ann, bob, cpu));
        for (int i = 0; i < 5; i++) {
            players.add(store.addPlayer("p" + i, false, 100));
        }
        List<MatchReport> matches = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UserId a = players.get(i % players.size());
            UserId b = players.get((i * 3 + 1) % players.size());
            if (a.equals(b)) {
                b = players.get((i + 1) % players.size());
            }
            matches.add(match("m" + i, win(a, i % 7, 1), loss(b, 1, -1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            int offset = client * 25;
            runs.add(pool.submit(() -> {
                for (int k = 0; k < 3 * matches.size(); k++) {
                    send(matches.get((offset + k * 7) % matches.size()));
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        for (UserId player : players) {
            long wins = 0, total = 0, points = 0, coins = 0;
            for (MatchReport m : matches) {
                for (PlayerResult line : m.players()) {
                    if (line.userId().equals(player)) {
                        total++;
                        wins += line.result() == MatchResult.WIN ? 1 : 0;
                        points += line.points();
                        coins += line.coinsDelta();
                    }
                }
            }
            DutchStats stats = store.statsOf(player);
            assertEquals(total, stats.totalMatches());
            assertEquals(wins, stats.wins());
            assertEquals(points, stats.points());
            assertEquals((player.equals(cpu) ? 1000 : 100) + coins, store.coinsOf(player));
        }
    }

    @Test
    void matchesAreVisibleToTheirReporterAndStaffOnly() {
        send(match("m1", win(ann, 1, 0), loss(bob, 1, 0)));
        assertEquals("m1", queries.match(new MatchId("m1"), "key-1", false).matchId());
        assertEquals("m1", queries.match(new MatchId("m1"), "admin-user", true).matchId());
        assertThrows(NotFound.class, () -> queries.match(new MatchId("m1"), "key-2", false));
        assertThrows(NotFound.class, () -> queries.match(new MatchId("nope"), "key-1", true));
    }

    @Test
    void leaderboardsPageWithAStableTiebreakAndRankAroundAPlayer() {
        List<UserId> extra = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            extra.add(store.addPlayer("x" + i, false, 100));
        }
        send(match("a", win(ann, 50, 0), loss(bob, 10, 0)));
        send(match("b", win(extra.get(0), 10, 0), loss(extra.get(1), 10, 0), loss(cpu, 100, 0)));
        // points: cpu 100, ann 50, then bob, x0, x1 tie on 10 (by id), x2, x3 on 0
        LeaderboardView first = queries.leaderboard(LeaderboardOrder.POINTS, PageRequest.first(2), false);
        assertEquals(2, first.entries().size());
        assertEquals("ann", first.entries().get(0).player().username());
        List<String> all = new ArrayList<>();
        List<Long> ranks = new ArrayList<>();
        String cursor = null;
        do {
            LeaderboardView page = queries.leaderboard(LeaderboardOrder.POINTS, new PageRequest(cursor, 2), false);
            page.entries().forEach(e -> {
                all.add(e.player().userId());
                ranks.add(e.rank());
            });
            cursor = page.nextCursor();
        } while (cursor != null);
        List<UserId> tied = new ArrayList<>(List.of(bob, extra.get(0), extra.get(1)));
        tied.sort(Comparator.comparing(UserId::value));
        List<UserId> zeros = new ArrayList<>(List.of(extra.get(2), extra.get(3)));
        zeros.sort(Comparator.comparing(UserId::value));
        List<String> expected = new ArrayList<>();
        expected.add(ann.value());
        tied.forEach(id -> expected.add(id.value()));
        zeros.forEach(id -> expected.add(id.value()));
        assertEquals(expected, all, "humans only, ties by id, every player once");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ranks);

        assertEquals(7, queries.leaderboard(LeaderboardOrder.POINTS, PageRequest.first(10), true).entries().size());
        assertEquals("lena_kay", queries.leaderboard(LeaderboardOrder.POINTS, PageRequest.first(10), true).entries().get(0).player().username());

        LeaderboardView around = queries.around(tied.get(1), LeaderboardOrder.POINTS, 1, false);
        assertEquals(List.of(2L, 3L, 4L), around.entries().stream().map(LeaderboardView.Entry::rank).toList());
        assertEquals(List.of(tied.get(0).value(), tied.get(1).value(), tied.get(2).value()),
                around.entries().stream().map(e -> e.player().userId()).toList());
        assertNull(around.nextCursor());

        assertThrows(NotFound.class, () -> queries.around(ann, LeaderboardOrder.WIN_RATE, 1, false),
                "one match is below the win-rate minimum of 3");
        assertEquals(0, queries.leaderboard(LeaderboardOrder.WIN_RATE, PageRequest.first(10), false).entries().size());
        assertThrows(InvalidValue.class, () -> queries.leaderboard(LeaderboardOrder.POINTS, PageRequest.first(0), false));
        assertEquals("must be between 1 and 100", assertThrows(InvalidValue.class,
                () -> queries.leaderboard(LeaderboardOrder.POINTS, PageRequest.first(101), false)).fieldErrors().get(0).message(),
                "the configured largest page");
        assertEquals(new PageRequest.Limits(20, 100), queries.leaderboardPages());
        assertEquals(new PageRequest.Limits(10, 10), new DutchGameSettings(3, 10).leaderboardPages());
        assertThrows(IllegalArgumentException.class, () -> new DutchGameSettings(3, PageRequest.MAX_LIMIT + 1));
        assertThrows(InvalidValue.class, () -> queries.leaderboard(LeaderboardOrder.POINTS, new PageRequest("not-a-cursor", 5), false));
    }

    @Test
    void statsArePublicForActivePlayers() {
        send(match("a", win(ann, 50, 0), loss(bob, 10, 0)));
        var stats = queries.stats(ann);
        assertEquals("ann", stats.username());
        assertEquals(1, stats.wins());
        assertEquals(1, stats.formulaVersion());
        store.suspend(bob);
        assertThrows(NotFound.class, () -> queries.stats(bob));
    }
}

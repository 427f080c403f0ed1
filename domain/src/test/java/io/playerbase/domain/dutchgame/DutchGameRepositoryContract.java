package io.playerbase.domain.dutchgame;

import io.playerbase.domain.dutchgame.DutchGameRepository.HoldOutcome;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.ObjectIds;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link DutchGameRepository} and {@link DutchLeaderboard} keeps (the two ports one store
 * serves): the in-memory fake, the embedded store and a real MongoDB. Each test starts from a store
 * without human players; what a store writes to its database is its own test's business.
 */
public abstract class DutchGameRepositoryContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    protected static final Actor SERVER = new Actor("key-1", Actor.ActorRole.GAME_SERVER, "req-1");

    /** The match store and the leaderboard of one store. */
    public record Ports(DutchGameRepository matches, DutchLeaderboard board) {
    }

    protected DutchGameRepository store;
    protected DutchLeaderboard board;

    /** A store without human players, once per test (computer players of its setup may be there). */
    protected abstract Ports createPorts();

    /** Releases what {@link #createPorts()} started. */
    protected void closePorts() {
    }

    /** A new active player, the way registration makes one: no matches yet and 100 coins. */
    protected abstract UserId newPlayer(String name, boolean compPlayer);

    /** Suspends the player's account, outside these ports (staff do it through the user module). */
    protected abstract void suspend(UserId player);

    /** Gives the player these counters, outside these ports (as if they had played those matches). */
    protected abstract void play(UserId player, long wins, long losses, long points);

    /** How many audit entries with this action are stored for the player. */
    protected abstract long auditCount(UserId player, String action);

    @BeforeEach
    void startPorts() {
        Ports ports = createPorts();
        store = ports.matches();
        board = ports.board();
    }

    @AfterEach
    void stopPorts() {
        closePorts();
    }

    protected UserId newPlayer(String name) {
        return newPlayer(name, false);
    }

    protected static AuditEntry audit(UserId player, String action) {
        return AuditEntry.of(player, SERVER, action, "dutch_game", List.of("coins"), NOW);
    }

    /** A hold taking {@code debit} coins of {@code player}, with its audit entry. */
    protected static DutchGameRepository.Hold held(UserId player, long debit) {
        return new DutchGameRepository.Hold(player, debit, audit(player, "dutch_game.coins_held"));
    }

    protected static MatchReport match(String id, UserId winner, UserId loser, long loserCoins) {
        return new MatchReport(new MatchId(id), NOW.minusSeconds(300), NOW.minusSeconds(1), List.of(
                new PlayerResult(winner, MatchResult.WIN, 40, 0), new PlayerResult(loser, MatchResult.LOSS, 5, loserCoins)));
    }

    /** An attempt id in the shape stores hand out (ObjectId-shaped), for holds of attempts the test makes up. */
    protected static String newAttempt() {
        return ObjectIds.newHex(NOW);
    }

    protected PlayerSnapshot snapshot(UserId player) {
        return store.findPlayer(player).orElseThrow();
    }

    @Test
    void aMatchIdIsStoredOnceAndItsStateOnlyMovesFromWhereItIs() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchRecord first = store.insertOrGet(match("m1", ann, bob, 0), "key-1", NOW);
        MatchRecord again = store.insertOrGet(match("m1", bob, ann, 0), "key-2", NOW.plusSeconds(5));
        assertEquals(first.attemptId(), again.attemptId());
        assertEquals("key-1", again.reportedBy());
        assertEquals(first.report(), again.report(), "the stored report comes back, not the second one");
        assertEquals(MatchState.RESERVING, again.state());

        assertTrue(store.transition(first.report().matchId(), first.attemptId(), MatchState.RESERVING, MatchState.APPLYING, NOW));
        assertFalse(store.transition(first.report().matchId(), first.attemptId(), MatchState.RESERVING, MatchState.REJECTING, NOW));
        MatchRecord stored = store.findMatch(new MatchId("m1")).orElseThrow();
        assertEquals(MatchState.APPLYING, stored.state());
        assertEquals(List.of(stored.attemptId()),
                store.unfinished(NOW.plusSeconds(1)).stream().map(MatchRecord::attemptId).toList());
        assertEquals(List.of(), store.unfinished(NOW));
        assertEquals(Optional.empty(), store.finishApplied(first.report().matchId(), "650000000000000000000042", List.of(ann), NOW),
                "another attempt of the match finishes nothing");

        MatchRecord finished = store.finishApplied(first.report().matchId(), first.attemptId(), List.of(ann), NOW).orElseThrow();
        assertEquals(MatchState.APPLIED, finished.state());
        assertEquals(Set.of(ann), finished.applied());
        assertEquals(finished, store.findMatch(new MatchId("m1")).orElseThrow(), "what it answers is what is stored");
        assertEquals(Optional.empty(), store.finishApplied(first.report().matchId(), first.attemptId(), List.of(bob), NOW),
                "once applied, nothing more is written");
        assertEquals(Set.of(ann), store.findMatch(new MatchId("m1")).orElseThrow().applied());
        assertEquals(List.of(), store.unfinished(NOW.plusSeconds(1)));

        store.deleteRejected(first.report().matchId(), first.attemptId());
        assertTrue(store.findMatch(new MatchId("m1")).isPresent(), "only a rejecting match is deleted");
    }

    @Test
    void aRejectedAttemptIsDeletedAndTheIdFreedForANewAttempt() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchRecord first = store.insertOrGet(match("m1", ann, bob, 0), "key-1", NOW);
        assertTrue(store.transition(first.report().matchId(), first.attemptId(), MatchState.RESERVING, MatchState.REJECTING, NOW));
        store.deleteRejected(first.report().matchId(), first.attemptId());
        assertTrue(store.findMatch(new MatchId("m1")).isEmpty());
        MatchRecord second = store.insertOrGet(match("m1", ann, bob, 0), "key-1", NOW);
        assertNotEquals(first.attemptId(), second.attemptId());
    }

    @Test
    void holdsTakeCoinsOnceAndAreReleasedOnce() {
        UserId ann = newPlayer("ann");
        MatchId m1 = new MatchId("m1");
        String attempt = newAttempt();
        assertEquals(100, snapshot(ann).coins(), "humans start with 100 coins");
        assertEquals(HoldOutcome.INSUFFICIENT_COINS, store.hold(ann, m1, attempt, 101, audit(ann, "dutch_game.coins_held")));
        assertEquals(HoldOutcome.HELD, store.hold(ann, m1, attempt, 30, audit(ann, "dutch_game.coins_held")));
        assertEquals(HoldOutcome.HELD, store.hold(ann, m1, attempt, 30, audit(ann, "dutch_game.coins_held")));
        assertEquals(70, snapshot(ann).coins());
        assertEquals(List.of(attempt), snapshot(ann).heldFor());
        assertEquals(1, auditCount(ann, "dutch_game.coins_held"));

        store.release(ann, attempt, 30, audit(ann, "dutch_game.coins_released"));
        store.release(ann, attempt, 30, audit(ann, "dutch_game.coins_released"));
        assertEquals(100, snapshot(ann).coins());
        assertEquals(List.of(), snapshot(ann).heldFor());
        assertEquals(1, auditCount(ann, "dutch_game.coins_released"));

        assertEquals(HoldOutcome.UNKNOWN_PLAYER, store.hold(UserId.newId(NOW), m1, attempt, 0, audit(ann, "x")));
        suspend(ann);
        assertFalse(snapshot(ann).active());
        assertEquals(HoldOutcome.INACTIVE_PLAYER, store.hold(ann, m1, newAttempt(), 0, audit(ann, "x")));
    }

    @Test
    void holdAllPlacesEveryHoldInOneCallOrSaysThatSomeWereNotPlacedByIt() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchId m1 = new MatchId("m1");
        String attempt = newAttempt();
        List<DutchGameRepository.Hold> holds = List.of(
                held(ann, 0),
                held(bob, 40));

        assertTrue(store.holdAll(m1, attempt, holds));
        assertFalse(store.holdAll(m1, attempt, holds), "already held: not placed by this call");
        assertEquals(List.of(attempt), snapshot(ann).heldFor());
        assertEquals(60, snapshot(bob).coins(), "taken once");
        assertEquals(1, auditCount(bob, "dutch_game.coins_held"));

        String other = newAttempt();
        assertFalse(store.holdAll(new MatchId("m2"), other, List.of(
                held(ann, 10),
                held(bob, 61))));
        assertEquals(90, snapshot(ann).coins(), "the eligible player's hold is placed");
        assertEquals(60, snapshot(bob).coins(), "the other's is not");
        assertEquals(2, auditCount(ann, "dutch_game.coins_held"), "and only the placed hold is audited");
        assertEquals(1, auditCount(bob, "dutch_game.coins_held"));
    }

    @Test
    void findPlayersReadsTheExistingOnesAtOnce() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        UserId nobody = UserId.newId(NOW);

        Map<UserId, PlayerSnapshot> found = store.findPlayers(List.of(ann, bob, nobody));

        assertEquals(Set.of(ann, bob), found.keySet());
        assertEquals(snapshot(bob), found.get(bob));
        assertTrue(store.findPlayer(nobody).isEmpty());
    }

    @Test
    void holdsOfADeletedAttemptAreStray() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchRecord live = store.insertOrGet(match("m1", ann, bob, -20), "key-1", NOW);
        MatchRecord rejected = store.insertOrGet(match("m2", ann, bob, -30), "key-1", NOW);
        store.hold(bob, new MatchId("m1"), live.attemptId(), 20, audit(bob, "dutch_game.coins_held"));
        store.hold(bob, new MatchId("m2"), rejected.attemptId(), 30, audit(bob, "dutch_game.coins_held"));
        assertEquals(List.of(), store.strayHolds());
        store.transition(rejected.report().matchId(), rejected.attemptId(), MatchState.RESERVING, MatchState.REJECTING, NOW);
        store.deleteRejected(rejected.report().matchId(), rejected.attemptId());
        assertEquals(List.of(new DutchGameRepository.StrayHold(bob, rejected.attemptId(), 30)), store.strayHolds());
    }

    @Test
    void applyAllWritesEveryPlayerInOneCallOrSaysThatSomeWereNotWrittenByIt() {
        UserId ann = newPlayer("ann");
        UserId bob = newPlayer("bob");
        MatchId m1 = new MatchId("m1");
        String attempt = newAttempt();
        PlayerResult annLine = new PlayerResult(ann, MatchResult.WIN, 60, 25);
        PlayerResult bobLine = new PlayerResult(bob, MatchResult.LOSS, 5, -10);
        store.hold(ann, m1, attempt, 0, audit(ann, "dutch_game.coins_held"));
        store.hold(bob, m1, attempt, 10, audit(bob, "dutch_game.coins_held"));
        DutchGameRepository.Apply annApply = new DutchGameRepository.Apply(ann, 0,
                DutchStats.initial().after(annLine, NOW), 25, audit(ann, "dutch_game.match_applied"));
        DutchGameRepository.Apply staleBob = new DutchGameRepository.Apply(bob, 7,
                DutchStats.initial().after(bobLine, NOW), 0, audit(bob, "dutch_game.match_applied"));

        assertFalse(store.applyAll(m1, attempt, List.of(annApply, staleBob)), "bob's total is stale");
        assertEquals(1, snapshot(ann).stats().totalMatches(), "ann's write is its own and is done");
        assertEquals(0, snapshot(bob).stats().totalMatches());
        assertEquals(1, auditCount(ann, "dutch_game.match_applied"), "only the written player is audited");
        assertEquals(0, auditCount(bob, "dutch_game.match_applied"));

        DutchGameRepository.Apply bobApply = new DutchGameRepository.Apply(bob, 0,
                DutchStats.initial().after(bobLine, NOW), 0, audit(bob, "dutch_game.match_applied"));
        assertTrue(store.applyAll(m1, attempt, List.of(bobApply)));
        assertFalse(store.applyAll(m1, attempt, List.of(annApply, bobApply)), "both already counted");
        assertEquals(1, snapshot(bob).stats().totalMatches());
        assertEquals(90, snapshot(bob).coins());
        assertEquals(125, snapshot(ann).coins());
        assertEquals(1, auditCount(bob, "dutch_game.match_applied"));
        for (UserId player : List.of(ann, bob)) {
            assertEquals(List.of(), snapshot(player).heldFor());
        }
    }

    @Test
    void applyingAResultWritesCountersOnceAndConsumesTheHold() {
        UserId ann = newPlayer("ann");
        MatchId m1 = new MatchId("m1");
        String attempt = newAttempt();
        PlayerResult line = new PlayerResult(ann, MatchResult.WIN, 60, 25);
        DutchStats after = DutchStats.initial().after(line, NOW);
        assertFalse(store.applyResult(ann, m1, attempt, 0, after, 25, audit(ann, "dutch_game.match_applied")),
                "no hold, no write");
        store.hold(ann, m1, attempt, 0, audit(ann, "dutch_game.coins_held"));
        assertFalse(store.applyResult(ann, m1, attempt, 1, after, 25, audit(ann, "dutch_game.match_applied")),
                "stale total_matches, no write");
        assertTrue(store.applyResult(ann, m1, attempt, 0, after, 25, audit(ann, "dutch_game.match_applied")));
        assertFalse(store.applyResult(ann, m1, attempt, 0, after, 25, audit(ann, "dutch_game.match_applied")));
        PlayerSnapshot stored = snapshot(ann);
        assertEquals(after, stored.stats());
        assertEquals(125, stored.coins());
        assertEquals(List.of("m1"), stored.recentMatchIds());
        assertEquals(List.of(), stored.heldFor());
        assertTrue(stored.hasApplied(m1));
        assertEquals(HoldOutcome.HELD, store.hold(ann, m1, attempt, 0, audit(ann, "x")), "applied counts as held");
        assertEquals(1, auditCount(ann, "dutch_game.match_applied"));
    }

    @Test
    void recentMatchIdsKeepTheNewestHundred() {
        UserId ann = newPlayer("ann");
        DutchStats stats = DutchStats.initial();
        for (int i = 0; i < DutchGameRepository.RECENT_MATCH_IDS + 3; i++) {
            MatchId id = new MatchId("m" + i);
            String attempt = newAttempt();
            store.hold(ann, id, attempt, 0, audit(ann, "dutch_game.coins_held"));
            DutchStats next = stats.after(new PlayerResult(ann, MatchResult.LOSS, 1, 0), NOW);
            assertTrue(store.applyResult(ann, id, attempt, stats.totalMatches(), next, 0, audit(ann, "dutch_game.match_applied")));
            stats = next;
        }
        List<String> recent = snapshot(ann).recentMatchIds();
        assertEquals(DutchGameRepository.RECENT_MATCH_IDS, recent.size());
        assertEquals("m3", recent.get(0));
        assertEquals("m102", recent.get(recent.size() - 1));
        assertEquals(103, snapshot(ann).stats().totalMatches());
    }

    @Test
    void leaderboardsOrderByValueThenIdAndFilterTheBoard() {
        LeaderboardFilter everyone = new LeaderboardFilter(LeaderboardOrder.POINTS, true, 3);
        int setupCompPlayers = board.after(everyone, null, 200).size();
        List<UserId> players = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cat", "dan")) {
            players.add(newPlayer(name));
        }
        UserId cpu = newPlayer("cpu", true);
        play(players.get(0), 5, 5, 300);
        play(players.get(1), 1, 0, 100);
        play(players.get(2), 3, 1, 100);
        play(players.get(3), 0, 0, 0);
        play(cpu, 9, 1, 100_000);
        LeaderboardFilter humans = new LeaderboardFilter(LeaderboardOrder.POINTS, false, 3);
        List<UserId> tied = new ArrayList<>(List.of(players.get(1), players.get(2)));
        tied.sort(Comparator.comparing(UserId::value));
        List<UserId> all = board.after(humans, null, 10).stream().map(Standing::userId).toList();
        assertEquals(List.of(players.get(0), tied.get(0), tied.get(1), players.get(3)), all);

        LeaderboardPosition second = new LeaderboardPosition(100, tied.get(0));
        assertEquals(List.of(tied.get(1), players.get(3)), board.after(humans, second, 10).stream().map(Standing::userId).toList());
        assertEquals(List.of(players.get(0)), board.before(humans, second, 10).stream().map(Standing::userId).toList());
        assertEquals(List.of(tied.get(0), players.get(0)), board.before(humans, new LeaderboardPosition(100, tied.get(1)), 10)
                .stream().map(Standing::userId).toList(), "nearest first");
        assertEquals(1, board.countBefore(humans, second));
        assertEquals(2, board.countBefore(humans, new LeaderboardPosition(100, tied.get(1))));

        List<Standing> withComputers = board.after(everyone, null, 200);
        assertEquals(setupCompPlayers + 5, withComputers.size(), "the computer players are on it only when asked");
        assertEquals(cpu, withComputers.get(0).userId());
        assertTrue(withComputers.get(0).compPlayer());
        List<UserId> byRate = board.after(new LeaderboardFilter(LeaderboardOrder.WIN_RATE, false, 3), null, 10)
                .stream().map(Standing::userId).toList();
        assertEquals(List.of(players.get(2), players.get(0)), byRate, "bob's single match is below the minimum");
        assertEquals(List.of(players.get(0)), board.after(new LeaderboardFilter(LeaderboardOrder.WINS, false, 3), null, 1)
                .stream().map(Standing::userId).toList());

        Standing ann = board.standing(players.get(0)).orElseThrow();
        assertEquals("ann", ann.username());
        assertFalse(ann.compPlayer());
        assertEquals(300, ann.stats().points());
        assertEquals(5, ann.stats().wins());
        assertTrue(board.standing(UserId.newId(NOW)).isEmpty());
        suspend(players.get(0));
        assertTrue(board.standing(players.get(0)).isEmpty());
        assertEquals(3, board.after(humans, null, 10).size(), "suspended players leave the board");
    }
}

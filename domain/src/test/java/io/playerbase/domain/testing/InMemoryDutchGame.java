package io.playerbase.domain.testing;

import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.DutchLeaderboard;
import io.playerbase.domain.dutchgame.DutchStats;
import io.playerbase.domain.dutchgame.LeaderboardFilter;
import io.playerbase.domain.dutchgame.LeaderboardPosition;
import io.playerbase.domain.dutchgame.MatchHistory;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerSnapshot;
import io.playerbase.domain.dutchgame.Standing;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * In-memory match store and leaderboard with the Mongo adapter's rules: each method is one atomic
 * step (synchronized), holds and recent match ids live with the player. {@link #failAfterWrites}
 * makes the n+1-th player write throw, to simulate a crash half-way through a match.
 */
public final class InMemoryDutchGame implements DutchGameRepository, DutchLeaderboard, MatchHistory {

    private final Map<UserId, Player> players = new LinkedHashMap<>();
    private final Map<MatchId, MatchRecord> matches = new LinkedHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private int writesBeforeFailure = -1;
    private int playerReads;
    private Runnable beforeNextInsert;

    private static final class Player {
        final UserId id;
        final String username;
        final boolean compPlayer;
        boolean active = true;
        DutchStats stats = DutchStats.initial();
        long coins;
        final List<String> recent = new ArrayList<>();
        final Map<String, Long> holds = new LinkedHashMap<>();

        Player(UserId id, String username, boolean compPlayer, long coins) {
            this.id = id;
            this.username = username;
            this.compPlayer = compPlayer;
            this.coins = coins;
        }
    }

    public synchronized UserId addPlayer(String username, boolean compPlayer, long coins) {
        UserId id = UserId.newId(Instant.parse("2026-01-01T00:00:00Z"));
        players.put(id, new Player(id, username, compPlayer, coins));
        return id;
    }

    public synchronized void suspend(UserId id) {
        players.get(id).active = false;
    }

    /** Sets the player's counters, as if they had played those matches. */
    public synchronized void setStats(UserId id, DutchStats stats) {
        players.get(id).stats = stats;
    }

    public synchronized DutchStats statsOf(UserId id) {
        return players.get(id).stats;
    }

    public synchronized long coinsOf(UserId id) {
        return players.get(id).coins;
    }

    public synchronized int holdsOf(UserId id) {
        return players.get(id).holds.size();
    }

    public synchronized List<AuditEntry> audit() {
        return List.copyOf(audit);
    }

    /** Reads of players so far ({@link #findPlayer} and {@link #findPlayers} calls): the round trips a real store makes. */
    public synchronized int playerReads() {
        return playerReads;
    }

    /** Runs {@code action} once, at the start of the next {@link #insertOrGet}: something that happens meanwhile. */
    public synchronized void beforeNextInsert(Runnable action) {
        beforeNextInsert = action;
    }

    public synchronized int matchCount() {
        return matches.size();
    }

    /** The next {@code writes} player writes succeed, the one after throws (once). */
    public synchronized void failAfterWrites(int writes) {
        writesBeforeFailure = writes;
    }

    private void countWrite() {
        if (writesBeforeFailure == 0) {
            writesBeforeFailure = -1;
            throw new IllegalStateException("injected failure");
        }
        if (writesBeforeFailure > 0) {
            writesBeforeFailure--;
        }
    }

    @Override
    public synchronized MatchRecord insertOrGet(MatchReport report, String reportedBy, Instant now) {
        Runnable meanwhile = beforeNextInsert;
        beforeNextInsert = null;
        if (meanwhile != null) {
            meanwhile.run();
        }
        return matches.computeIfAbsent(report.matchId(), id -> new MatchRecord(UUID.randomUUID().toString(), report,
                MatchState.RESERVING, Set.of(), reportedBy, now));
    }

    @Override
    public synchronized Optional<MatchRecord> findMatch(MatchId matchId) {
        return Optional.ofNullable(matches.get(matchId));
    }

    @Override
    public synchronized List<MatchRecord> appliedFor(UserId player, String afterAttemptId, int limit) {
        return matches.values().stream().filter(m -> m.state() == MatchState.APPLIED)
                .filter(m -> m.report().players().stream().anyMatch(line -> line.userId().equals(player)))
                .sorted(Comparator.comparing(MatchRecord::attemptId))
                .filter(m -> afterAttemptId == null || m.attemptId().compareTo(afterAttemptId) > 0)
                .limit(limit).toList();
    }

    private Optional<MatchRecord> byAttempt(MatchId matchId, String attemptId) {
        return Optional.ofNullable(matches.get(matchId)).filter(m -> m.attemptId().equals(attemptId));
    }

    @Override
    public synchronized boolean transition(MatchId matchId, String attemptId, MatchState from, MatchState to, Instant now) {
        Optional<MatchRecord> match = byAttempt(matchId, attemptId).filter(m -> m.state() == from);
        match.ifPresent(m -> matches.put(m.report().matchId(), new MatchRecord(m.attemptId(), m.report(), to,
                m.applied(), m.reportedBy(), m.recordedAt())));
        return match.isPresent();
    }

    @Override
    public synchronized Optional<MatchRecord> finishApplied(MatchId matchId, String attemptId, Collection<UserId> players,
                                                         Instant now) {
        return byAttempt(matchId, attemptId).filter(m -> m.state() == MatchState.APPLYING).map(m -> {
            Set<UserId> applied = new HashSet<>(m.applied());
            applied.addAll(players);
            MatchRecord finished = new MatchRecord(m.attemptId(), m.report(), MatchState.APPLIED, applied,
                    m.reportedBy(), m.recordedAt());
            matches.put(m.report().matchId(), finished);
            return finished;
        });
    }

    @Override
    public synchronized void deleteRejected(MatchId matchId, String attemptId) {
        byAttempt(matchId, attemptId).filter(m -> m.state() == MatchState.REJECTING)
                .ifPresent(m -> matches.remove(m.report().matchId()));
    }

    @Override
    public synchronized List<MatchRecord> unfinished(Instant storedBefore) {
        return matches.values().stream()
                .filter(m -> m.state() != MatchState.APPLIED && m.recordedAt().isBefore(storedBefore)).toList();
    }

    @Override
    public synchronized List<StrayHold> strayHolds() {
        List<StrayHold> stray = new ArrayList<>();
        for (Player player : players.values()) {
            player.holds.forEach((attempt, amount) -> {
                if (matches.values().stream().noneMatch(m -> m.attemptId().equals(attempt))) {
                    stray.add(new StrayHold(player.id, attempt, amount));
                }
            });
        }
        return stray;
    }

    @Override
    public synchronized Optional<PlayerSnapshot> findPlayer(UserId id) {
        playerReads++;
        return snapshot(id);
    }

    @Override
    public synchronized Map<UserId, PlayerSnapshot> findPlayers(Collection<UserId> ids) {
        playerReads++;
        Map<UserId, PlayerSnapshot> found = new HashMap<>();
        for (UserId id : ids) {
            snapshot(id).ifPresent(snapshot -> found.put(id, snapshot));
        }
        return found;
    }

    private Optional<PlayerSnapshot> snapshot(UserId id) {
        return Optional.ofNullable(players.get(id)).map(p -> new PlayerSnapshot(p.id, p.active, p.compPlayer, p.stats,
                p.coins, p.recent, List.copyOf(p.holds.keySet())));
    }

    /** Each hold is its own write, as in an unordered bulk write: a failure leaves the earlier ones placed. */
    @Override
    public synchronized boolean holdAll(MatchId matchId, String attemptId, List<Hold> holds) {
        int placed = 0;
        for (Hold hold : holds) {
            Player player = players.get(hold.player());
            if (player != null && player.active && player.coins >= hold.debit() && !player.holds.containsKey(attemptId)
                    && !player.recent.contains(matchId.value())) {
                countWrite();
                player.coins -= hold.debit();
                player.holds.put(attemptId, hold.debit());
                audit.add(hold.audit());
                placed++;
            }
        }
        return placed == holds.size();
    }

    @Override
    public synchronized HoldOutcome hold(UserId id, MatchId matchId, String attemptId, long debit, AuditEntry entry) {
        Player player = players.get(id);
        if (player == null) {
            return HoldOutcome.UNKNOWN_PLAYER;
        }
        if (player.holds.containsKey(attemptId) || player.recent.contains(matchId.value())) {
            return HoldOutcome.HELD;
        }
        if (!player.active) {
            return HoldOutcome.INACTIVE_PLAYER;
        }
        if (player.coins < debit) {
            return HoldOutcome.INSUFFICIENT_COINS;
        }
        countWrite();
        player.coins -= debit;
        player.holds.put(attemptId, debit);
        audit.add(entry);
        return HoldOutcome.HELD;
    }

    @Override
    public synchronized void release(UserId id, String attemptId, long debit, AuditEntry entry) {
        Player player = players.get(id);
        if (player == null || !player.holds.containsKey(attemptId)) {
            return;
        }
        countWrite();
        player.coins += player.holds.remove(attemptId);
        audit.add(entry);
    }

    @Override
    public synchronized boolean applyResult(UserId id, MatchId matchId, String attemptId, long expectedTotal,
                                            DutchStats after, long credit, AuditEntry entry) {
        Player player = players.get(id);
        if (player == null || player.stats.totalMatches() != expectedTotal || player.recent.contains(matchId.value())
                || !player.holds.containsKey(attemptId)) {
            return false;
        }
        countWrite();
        player.stats = after;
        player.coins += credit;
        player.holds.remove(attemptId);
        player.recent.add(matchId.value());
        if (player.recent.size() > RECENT_MATCH_IDS) {
            player.recent.removeFirst();
        }
        audit.add(entry);
        return true;
    }

    /** Each write is its own, as in an unordered bulk write: a failure leaves the earlier ones written. */
    @Override
    public synchronized boolean applyAll(MatchId matchId, String attemptId, List<Apply> applies) {
        int written = 0;
        for (Apply apply : applies) {
            if (applyResult(apply.player(), matchId, attemptId, apply.expectedTotal(), apply.after(), apply.credit(),
                    apply.audit())) {
                written++;
            }
        }
        return written == applies.size();
    }

    private List<Player> board(LeaderboardFilter filter) {
        Comparator<Player> order = Comparator.<Player>comparingDouble(p -> filter.order().valueOf(p.stats)).reversed()
                .thenComparing(p -> p.id.value());
        return players.values().stream().filter(p -> filter.admits(p.active, p.compPlayer, p.stats)).sorted(order).toList();
    }

    private static boolean isBefore(Player player, LeaderboardFilter filter, LeaderboardPosition position) {
        double value = filter.order().valueOf(player.stats);
        return value > position.value()
                || (value == position.value() && player.id.value().compareTo(position.userId().value()) < 0);
    }

    private static Standing standingOf(Player p) {
        return new Standing(p.id, p.username, p.compPlayer, p.stats);
    }

    @Override
    public synchronized Optional<Standing> standing(UserId id) {
        return Optional.ofNullable(players.get(id)).filter(p -> p.active).map(InMemoryDutchGame::standingOf);
    }

    @Override
    public synchronized List<Standing> after(LeaderboardFilter filter, LeaderboardPosition after, int limit) {
        return board(filter).stream()
                .filter(p -> after == null || (!isBefore(p, filter, after) && !p.id.equals(after.userId())))
                .limit(limit).map(InMemoryDutchGame::standingOf).toList();
    }

    @Override
    public synchronized List<Standing> before(LeaderboardFilter filter, LeaderboardPosition before, int limit) {
        List<Player> earlier = board(filter).stream().filter(p -> isBefore(p, filter, before)).toList();
        List<Standing> nearestFirst = new ArrayList<>();
        for (int i = earlier.size() - 1; i >= 0 && nearestFirst.size() < limit; i--) {
            nearestFirst.add(standingOf(earlier.get(i)));
        }
        return nearestFirst;
    }

    @Override
    public synchronized long countBefore(LeaderboardFilter filter, LeaderboardPosition position) {
        return board(filter).stream().filter(p -> isBefore(p, filter, position)).count();
    }
}

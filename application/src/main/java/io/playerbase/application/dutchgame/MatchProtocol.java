package io.playerbase.application.dutchgame;

import io.playerbase.application.referral.ReferralQualification;
import io.playerbase.domain.dutchgame.DutchGameRepository.HoldOutcome;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.dutchgame.PlayerSnapshot;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives a stored match to its end (docs/dutch-game.md): hold every player's debit, then either write
 * every player's counters or release the holds and delete the match. Each step is a repeatable
 * single-document write and the match's state only moves forward, so the report, a concurrent duplicate
 * and the recovery pass can all run it at once and still count each player exactly once.
 */
@Singleton
final class MatchProtocol {

    static final String MODULE = "dutch_game";
    /** Optimistic retries of one player's write before giving up (another match keeps winning the race). */
    private static final int MAX_PLAYER_ATTEMPTS = 200;

    private final DutchGameRepository store;
    private final ReferralQualification referrals;
    private final Clock clock;

    MatchProtocol(DutchGameRepository store, ReferralQualification referrals, Clock clock) {
        this.store = store;
        this.referrals = referrals;
        this.clock = clock;
    }

    /** The end of a run: the match is applied, or it was rejected (and is gone) for a reason, maybe by someone else. */
    sealed interface Outcome {
    }

    record Applied(MatchRecord match) implements Outcome {
    }

    record Rejected(RuleViolation reason) implements Outcome {
    }

    Outcome complete(MatchRecord match, Actor actor) {
        return complete(match, actor, Map.of());
    }

    /**
     * The same, given the players as the caller read them a moment ago (the report's pre-check): their
     * counters are then computed from that read instead of reading the players again. A read gone stale
     * meanwhile is harmless: each player's write is conditional on the {@code total_matches} it was
     * computed from, and a player whose write finds another total is read again and retried on their own.
     */
    Outcome complete(MatchRecord match, Actor actor, Map<UserId, PlayerSnapshot> read) {
        MatchState state = match.state();
        RuleViolation reason = null;
        if (state == MatchState.RESERVING) {
            reason = holdAll(match, actor);
            MatchState next = reason == null ? MatchState.APPLYING : MatchState.REJECTING;
            state = store.transition(match.report().matchId(), match.attemptId(), MatchState.RESERVING, next, clock.instant()) ? next : currentState(match);
        }
        if (state == MatchState.APPLYING) {
            List<UserId> counted = applyAll(match, actor, read);
            // Before the match is marked applied: a crash in between is completed by whoever completes
            // the match (a retry, the recovery pass), which calls the idempotent hook again.
            referrals.matchApplied(match.report().players().stream().map(PlayerResult::userId).toList(),
                    match.report().matchId().value(), actor);
            Optional<MatchRecord> applied = store.finishApplied(match.report().matchId(), match.attemptId(), counted, clock.instant());
            if (applied.isPresent()) {
                return new Applied(applied.get());
            }
            state = currentState(match);
        }
        if (state == MatchState.APPLIED) {
            // As given when it was applied already (a repeat of the report), else as stored now.
            return new Applied(match.state() == MatchState.APPLIED ? match : store.findMatch(match.report().matchId()).orElseThrow());
        }
        // REJECTING, or gone: someone rejected this attempt. Release (again: a slow holder may have
        // placed a hold after the first release) and delete.
        releaseAll(match, actor);
        store.deleteRejected(match.report().matchId(), match.attemptId());
        return new Rejected(reason != null ? reason
                : new RuleViolation("match-rejected", "A concurrent report of this match was rejected; see its response"));
    }

    /** Null when every player is held; otherwise why the match cannot be applied. */
    private RuleViolation holdAll(MatchRecord match, Actor actor) {
        MatchReport report = match.report();
        List<DutchGameRepository.Hold> holds = report.players().stream().map(line -> new DutchGameRepository.Hold(
                line.userId(), line.debit(), audit(line.userId(), actor, "dutch_game.coins_held", List.of("coins", "coin_holds"))))
                .toList();
        if (store.holdAll(report.matchId(), match.attemptId(), holds)) {
            return null;
        }
        // Some hold was not placed by that round trip: settle each player (holds in place count as held).
        for (PlayerResult line : report.players()) {
            AuditEntry audit = audit(line.userId(), actor, "dutch_game.coins_held", List.of("coins", "coin_holds"));
            HoldOutcome outcome = store.hold(line.userId(), report.matchId(), match.attemptId(), line.debit(), audit);
            if (outcome != HoldOutcome.HELD) {
                return reasonOf(outcome, line);
            }
        }
        return null;
    }

    static RuleViolation reasonOf(HoldOutcome outcome, PlayerResult line) {
        String id = line.userId().value();
        return switch (outcome) {
            case UNKNOWN_PLAYER -> new RuleViolation("unknown-player", "Player " + id + " does not exist");
            case INACTIVE_PLAYER -> new RuleViolation("inactive-player", "Player " + id + " is not active");
            case INSUFFICIENT_COINS -> new RuleViolation("insufficient-coins",
                    "Player " + id + " has fewer than " + line.debit() + " coins; nothing was changed");
            case HELD -> throw new IllegalArgumentException("not a rejection");
        };
    }

    /** Writes the counters of every player not yet counted; the players it counted (or found counted). */
    private List<UserId> applyAll(MatchRecord match, Actor actor, Map<UserId, PlayerSnapshot> read) {
        MatchReport report = match.report();
        List<PlayerResult> pending = report.players().stream()
                .filter(line -> !match.applied().contains(line.userId())).toList();
        if (pending.isEmpty()) {
            return List.of();
        }
        List<UserId> ids = pending.stream().map(PlayerResult::userId).toList();
        Map<UserId, PlayerSnapshot> players = read.keySet().containsAll(ids) ? read : store.findPlayers(ids);
        List<DutchGameRepository.Apply> applies = new ArrayList<>();
        for (PlayerResult line : pending) {
            PlayerSnapshot player = players.get(line.userId());
            if (player == null) {
                throw new IllegalStateException("held player " + line.userId() + " vanished");
            }
            if (!player.hasApplied(report.matchId())) {
                applies.add(new DutchGameRepository.Apply(line.userId(), player.stats().totalMatches(),
                        player.stats().after(line, report.endedAt()), line.credit(), appliedAudit(line, actor)));
            }
        }
        if (!applies.isEmpty() && !store.applyAll(report.matchId(), match.attemptId(), applies)) {
            // Some write lost a race (another match changed that player since the read) or a concurrent
            // completer did it: read them all again at once, then settle each player not yet counted on its own.
            Map<UserId, PlayerSnapshot> again = store.findPlayers(ids);
            for (PlayerResult line : pending) {
                applyOne(match, line, actor, again.get(line.userId()));
            }
        }
        // Recorded with the match's last write (finishApplied), only a shortcut for the next completer: each
        // player's recent match ids are what prevent a double count.
        return ids;
    }

    /** One player's counters, from {@code read} (null: none) and then from fresh reads after each lost race. */
    private void applyOne(MatchRecord match, PlayerResult line, Actor actor, PlayerSnapshot read) {
        MatchReport report = match.report();
        for (int attempt = 0; attempt < MAX_PLAYER_ATTEMPTS; attempt++) {
            PlayerSnapshot player = attempt == 0 && read != null ? read : store.findPlayer(line.userId())
                    .orElseThrow(() -> new IllegalStateException("held player " + line.userId() + " vanished"));
            if (player.hasApplied(report.matchId())) {
                return;
            }
            if (store.applyResult(line.userId(), report.matchId(), match.attemptId(), player.stats().totalMatches(),
                    player.stats().after(line, report.endedAt()), line.credit(), appliedAudit(line, actor))) {
                return;
            }
        }
        throw new Conflict("stats-contention", "Player " + line.userId() + " is being updated by too many matches at once; retry");
    }

    private AuditEntry appliedAudit(PlayerResult line, Actor actor) {
        return audit(line.userId(), actor, "dutch_game.match_applied", List.of(
                line.result() == MatchResult.WIN ? "wins" : "losses",
                "total_matches", "points", "coins", "level", "rank", "win_rate", "last_match_at",
                "recent_match_ids", "coin_holds"));
    }

    private void releaseAll(MatchRecord match, Actor actor) {
        for (PlayerResult line : match.report().players()) {
            store.release(line.userId(), match.attemptId(), line.debit(),
                    audit(line.userId(), actor, "dutch_game.coins_released", List.of("coins", "coin_holds")));
        }
    }

    private MatchState currentState(MatchRecord match) {
        Optional<MatchRecord> current = store.findMatch(match.report().matchId())
                .filter(stored -> stored.attemptId().equals(match.attemptId()));
        return current.map(MatchRecord::state).orElse(MatchState.REJECTING);
    }

    private AuditEntry audit(UserId player, Actor actor, String action, List<String> fields) {
        Instant now = clock.instant();
        return AuditEntry.of(player, actor, action, MODULE, fields, now);
    }
}

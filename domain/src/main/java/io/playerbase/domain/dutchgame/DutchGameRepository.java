package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing port of the match protocol (docs/dutch-game.md). Every operation is one single-document
 * atomic write that is safe to repeat, so a report can be completed by whoever comes next — a retry,
 * a concurrent duplicate, or the recovery pass — without multi-document transactions.
 *
 * <p>Every write to a player carries its audit entry, made durable in the same write.
 */
public interface DutchGameRepository {

    /** How many match ids a player's document remembers ({@code recent_match_ids}, newest last). */
    int RECENT_MATCH_IDS = 100;

    /**
     * Stores the report as a new match in {@link MatchState#RESERVING}, or, when a match with that id is
     * already stored, returns that one unchanged (the caller compares the reports).
     */
    MatchRecord insertOrGet(MatchReport report, String reportedBy, Instant now);

    Optional<MatchRecord> findMatch(MatchId matchId);

    /**
     * Moves a match from one state to the next if it is still in {@code from}; whether it did. Every
     * write to a stored match names its {@code matchId} too: that is how the database finds it (the
     * shard key of {@code dutch_matches}), the attempt id tells the attempts of one match apart.
     */
    boolean transition(MatchId matchId, String attemptId, MatchState from, MatchState to, Instant now);

    /**
     * The last write of an applied match, in one round trip: records that these players' counters are written
     * (a shortcut for the next completer; idempotent) and moves the attempt from {@link MatchState#APPLYING} to
     * {@link MatchState#APPLIED}. The match as stored after it, or empty when the attempt is not (or no
     * longer) applying: nothing is written then.
     */
    Optional<MatchRecord> finishApplied(MatchId matchId, String attemptId, Collection<UserId> players, Instant now);

    /** Deletes a match in {@link MatchState#REJECTING} once its holds are released. */
    void deleteRejected(MatchId matchId, String attemptId);

    /** Matches not yet applied that were stored before the given time: for the recovery pass. */
    List<MatchRecord> unfinished(Instant storedBefore);

    Optional<PlayerSnapshot> findPlayer(UserId player);

    /** The players that exist among the given ones, in one read. */
    Map<UserId, PlayerSnapshot> findPlayers(Collection<UserId> players);

    /**
     * Takes {@code debit} coins from an active player and records the hold for the attempt, in one
     * conditional write. Idempotent: a hold already in place, or the match already applied to the
     * player, is {@link HoldOutcome#HELD}.
     */
    HoldOutcome hold(UserId player, MatchId matchId, String attemptId, long debit, AuditEntry audit);

    /**
     * The fast path of {@link #hold}: tries every hold of the attempt in one round trip, each still its
     * own conditional single-document write. True when this call placed every one of them; false when
     * some were not placed by it (already held, already applied, or not eligible): the caller then
     * settles each player with {@link #hold}, which is idempotent.
     */
    boolean holdAll(MatchId matchId, String attemptId, List<Hold> holds);

    /** One player's hold for {@link #holdAll}. */
    record Hold(UserId player, long debit, AuditEntry audit) {
    }

    /** Gives back the coins of the attempt's hold and removes it; nothing when there is no such hold. */
    void release(UserId player, String attemptId, long debit, AuditEntry audit);

    /**
     * Writes a player's stats after the match, credits {@code credit} coins, removes the attempt's hold
     * and remembers the match id — if the player's {@code total_matches} is still {@code expectedTotal}
     * and the match is not yet among their recent ids. Whether it wrote (false: re-read and retry).
     */
    boolean applyResult(UserId player, MatchId matchId, String attemptId, long expectedTotal, DutchStats after,
                        long credit, AuditEntry audit);

    /**
     * The fast path of {@link #applyResult}: every player's write in one round trip, each still its own
     * conditional single-document write. True when this call wrote every one of them; false when some
     * were not written by it (a stale {@code expectedTotal}, or already applied): the caller then settles
     * each player with {@link #applyResult}.
     */
    boolean applyAll(MatchId matchId, String attemptId, List<Apply> applies);

    /** One player's write for {@link #applyAll}. */
    record Apply(UserId player, long expectedTotal, DutchStats after, long credit, AuditEntry audit) {
    }

    /**
     * Holds whose attempt no longer exists: its match was rejected and deleted, but a completer that
     * placed the hold late crashed before releasing it. For the recovery pass.
     */
    List<StrayHold> strayHolds();

    record StrayHold(UserId player, String attemptId, long amount) {
    }

    enum HoldOutcome {
        HELD, UNKNOWN_PLAYER, INACTIVE_PLAYER, INSUFFICIENT_COINS
    }
}

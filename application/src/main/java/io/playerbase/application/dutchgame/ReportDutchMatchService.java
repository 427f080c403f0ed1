package io.playerbase.application.dutchgame;

import io.playerbase.application.dutchgame.port.in.MatchView;
import io.playerbase.application.dutchgame.port.in.ReportDutchMatchUseCase;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.dutchgame.PlayerSnapshot;
import io.playerbase.domain.dutchgame.DutchGameRepository.HoldOutcome;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Singleton
final class ReportDutchMatchService implements ReportDutchMatchUseCase {

    /** A rejected attempt is deleted; a report that keeps meeting rejected attempts gives up after this many. */
    private static final int MAX_ATTEMPTS = 5;

    private final DutchGameRepository store;
    private final MatchProtocol protocol;
    private final Clock clock;

    ReportDutchMatchService(DutchGameRepository store, MatchProtocol protocol, Clock clock) {
        this.store = store;
        this.protocol = protocol;
        this.clock = clock;
    }

    @Override
    public MatchView report(Command command) {
        MatchReport report = command.report();
        report.requirePlausibleTimes(clock.instant());
        List<UserId> players = report.players().stream().map(PlayerResult::userId).toList();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<UserId, PlayerSnapshot> read = store.findPlayers(players);
            Optional<RuleViolation> impossible = precheck(report, read);
            // A possible match is stored (or found stored: a repeat); an impossible one only if it was stored
            // already, by an earlier report of it or by a concurrent duplicate whose holds took the coins.
            MatchRecord match = impossible.isEmpty()
                    ? store.insertOrGet(report, command.reporter().id(), clock.instant())
                    : store.findMatch(report.matchId()).orElseThrow(impossible::get);
            if (!match.report().sameAs(report)) {
                throw new RuleViolation("match-id-reused",
                        "Match " + report.matchId() + " was already reported with different content");
            }
            // The pre-check's read serves the counters too (one round trip fewer); it is only ever a starting point.
            MatchProtocol.Outcome outcome = protocol.complete(match, command.reporter(), read);
            if (outcome instanceof MatchProtocol.Applied applied) {
                return MatchView.of(applied.match());
            }
            MatchProtocol.Rejected rejected = (MatchProtocol.Rejected) outcome;
            if (!"match-rejected".equals(rejected.reason().code())) {
                throw rejected.reason();
            }
            // Another report of this match was rejected and removed it: evaluate again from the start.
        }
        throw new Conflict("match-in-flight", "Match " + report.matchId() + " is being reported concurrently; retry");
    }

    /**
     * Why the report is impossible as the players stand (read a moment ago), so the usual rejection writes
     * nothing and leaves no hold-and-release trail; empty when it looks possible. The holds still decide:
     * this read may be stale.
     */
    private static Optional<RuleViolation> precheck(MatchReport report, Map<UserId, PlayerSnapshot> players) {
        for (PlayerResult line : report.players()) {
            Optional<PlayerSnapshot> player = Optional.ofNullable(players.get(line.userId()));
            HoldOutcome outcome = player.isEmpty() ? HoldOutcome.UNKNOWN_PLAYER
                    : !player.get().active() ? HoldOutcome.INACTIVE_PLAYER
                    : player.get().coins() < line.debit() && !player.get().hasApplied(report.matchId())
                    ? HoldOutcome.INSUFFICIENT_COINS : HoldOutcome.HELD;
            if (outcome != HoldOutcome.HELD) {
                return Optional.of(MatchProtocol.reasonOf(outcome, line));
            }
        }
        return Optional.empty();
    }
}

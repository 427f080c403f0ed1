package io.playerbase.application.dutchgame.port.in;

import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.shared.Actor;

/**
 * A game server reports a finished match. Applied exactly once per match id: a repeat of the same
 * report returns the same view and changes nothing; the same id with other content is a
 * {@code RuleViolation} ({@code match-id-reused}); a player who does not exist, is not active, or
 * whose coins would go below zero rejects the whole report ({@code RuleViolation}), changing nothing.
 */
public interface ReportDutchMatchUseCase {

    MatchView report(Command command);

    record Command(MatchReport report, Actor reporter) {
    }
}

package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored match report with its progress.
 *
 * @param attemptId   id of this stored copy; holds name it, so a hold left by a rejected (deleted) attempt
 *                    can never be mistaken for one of a later attempt with the same match id
 * @param reportedBy  the principal (API key id) that reported it first
 * @param applied     players whose counters are known to be written
 */
public record MatchRecord(String attemptId, MatchReport report, MatchState state, Set<UserId> applied,
                          String reportedBy, Instant recordedAt) {

    public MatchRecord {
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reportedBy, "reportedBy");
        Objects.requireNonNull(recordedAt, "recordedAt");
        applied = Set.copyOf(applied);
    }
}

package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.ReadOnlyPort;
import io.playerbase.domain.shared.UserId;

import java.util.List;

/** Outgoing port: the applied matches a player took part in, page by page, on the read-only database role. */
public interface MatchHistory extends ReadOnlyPort {

    /**
     * Applied matches naming {@code player}, in the order they were stored, after the one whose
     * attempt id is {@code afterAttemptId} ({@code null}: from the first), at most {@code limit}.
     */
    List<MatchRecord> appliedFor(UserId player, String afterAttemptId, int limit);
}

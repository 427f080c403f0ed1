package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.UserId;

import java.util.List;

/**
 * What the match protocol reads of one player: stats, coins, and the idempotency markers kept in the
 * player's own document ({@code recent_match_ids}, the coin holds of matches in progress).
 */
public record PlayerSnapshot(UserId userId, boolean active, boolean compPlayer, DutchStats stats, long coins,
                             List<String> recentMatchIds, List<String> heldFor) {

    public PlayerSnapshot {
        recentMatchIds = List.copyOf(recentMatchIds);
        heldFor = List.copyOf(heldFor);
    }

    public boolean hasApplied(MatchId matchId) {
        return recentMatchIds.contains(matchId.value());
    }
}

package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.UserId;

import java.util.Objects;

/** A place in a leaderboard's total order: the sort value, then the user id breaking ties. */
public record LeaderboardPosition(double value, UserId userId) {

    public LeaderboardPosition {
        Objects.requireNonNull(userId, "userId");
    }

    public static LeaderboardPosition of(Standing standing, LeaderboardOrder order) {
        return new LeaderboardPosition(order.valueOf(standing.stats()), standing.userId());
    }
}

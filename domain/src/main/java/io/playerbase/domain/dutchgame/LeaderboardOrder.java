package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.InvalidValue;

import java.util.Locale;

/** What a leaderboard sorts by (descending; ties by user id ascending, so the order is total and stable). */
public enum LeaderboardOrder {
    POINTS, WINS, WIN_RATE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeaderboardOrder fromWire(String value) {
        for (LeaderboardOrder order : values()) {
            if (order.wire().equals(value)) {
                return order;
            }
        }
        throw new InvalidValue("by", "must be points, wins or win_rate");
    }

    public double valueOf(DutchStats stats) {
        return switch (this) {
            case POINTS -> stats.points();
            case WINS -> stats.wins();
            case WIN_RATE -> stats.winRate();
        };
    }
}

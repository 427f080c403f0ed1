package io.playerbase.application.compplayer;

import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.domain.user.User;

import java.util.Map;

/** The admin's view of a computer player, the same whichever service changed it. */
final class CompPlayerViews {

    private CompPlayerViews() {
    }

    static CompPlayerView of(User user) {
        Map<String, Object> dutch = user.modules().getOrDefault("dutch_game", Map.of());
        Object level = dutch.get("level");
        Object rank = dutch.get("rank");
        return new CompPlayerView(user.id().value(), user.username().value(),
                level instanceof Number n ? n.intValue() : 1, rank == null ? "unranked" : rank.toString(),
                user.status().wire());
    }
}

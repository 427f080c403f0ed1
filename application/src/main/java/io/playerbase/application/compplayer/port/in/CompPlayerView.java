package io.playerbase.application.compplayer.port.in;

import io.playerbase.domain.compplayer.CompPlayer;

public record CompPlayerView(String userId, String username, int level, String rank) {

    public static CompPlayerView of(CompPlayer player) {
        return new CompPlayerView(player.userId().value(), player.username(), player.level(), player.rank());
    }
}

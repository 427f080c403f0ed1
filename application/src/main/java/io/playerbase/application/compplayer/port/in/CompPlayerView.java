package io.playerbase.application.compplayer.port.in;

import io.playerbase.domain.compplayer.CompPlayer;

/** A computer player; {@link #of} is for the active ones the pool hands out. */
public record CompPlayerView(String userId, String username, int level, String rank, String status) {

    public static CompPlayerView of(CompPlayer player) {
        return new CompPlayerView(player.userId().value(), player.username(), player.level(), player.rank(), "active");
    }
}

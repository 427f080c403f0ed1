package io.playerbase.domain.compplayer;

import io.playerbase.domain.shared.UserId;

/** An active computer player as a game server needs it to seat it: id, name and strength. */
public record CompPlayer(UserId userId, String username, int level, String rank) {
}

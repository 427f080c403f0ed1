package io.playerbase.domain.dutchgame;

import io.playerbase.domain.shared.UserId;

/** A player's public face on the leaderboards: name, kind and stats; nothing personal. */
public record Standing(UserId userId, String username, boolean compPlayer, DutchStats stats) {
}

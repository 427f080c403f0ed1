package io.playerbase.application.user.port.in;

import io.playerbase.domain.user.User;

/** What a game server may read of a player: no email, phone, address or module data. */
public record PlayerProfileView(String id, String username, String status, boolean compPlayer) {

    public static PlayerProfileView of(User user) {
        return new PlayerProfileView(user.id().value(), user.username().value(), user.status().wire(), user.compPlayer());
    }
}

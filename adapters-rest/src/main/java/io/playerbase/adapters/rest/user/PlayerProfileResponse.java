package io.playerbase.adapters.rest.user;

import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.user.port.in.PlayerProfileView;

@Serdeable
record PlayerProfileResponse(String id, String username, String status, boolean isCompPlayer) {

    static PlayerProfileResponse of(PlayerProfileView view) {
        return new PlayerProfileResponse(view.id(), view.username(), view.status(), view.compPlayer());
    }
}

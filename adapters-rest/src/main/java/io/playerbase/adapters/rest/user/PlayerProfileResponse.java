package io.playerbase.adapters.rest.user;

import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.user.port.in.PlayerProfileView;

/** @param premium whether the player has premium right now (a store subscription or a manual grant, docs/subscriptions.md) */
@Serdeable
record PlayerProfileResponse(String id, String username, String status, boolean isCompPlayer, boolean premium) {

    static PlayerProfileResponse of(PlayerProfileView view, boolean premium) {
        return new PlayerProfileResponse(view.id(), view.username(), view.status(), view.compPlayer(), premium);
    }
}

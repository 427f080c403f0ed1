package io.playerbase.application.compplayer.port.in;

import io.playerbase.domain.shared.Actor;

/**
 * An admin adds a computer player: an active account with {@code is_comp_player: true}, email
 * {@code <username>@cp.com}, a random password nobody knows, every active module, and 1000 Dutch coins.
 * A taken username is a {@code Conflict} ({@code username-taken}).
 */
public interface AddCompPlayerUseCase {

    CompPlayerView add(Command command);

    record Command(String username, Actor admin) {
    }
}

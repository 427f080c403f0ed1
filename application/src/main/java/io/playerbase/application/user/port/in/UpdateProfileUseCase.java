package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

public interface UpdateProfileUseCase {

    /** Changes username, phone and/or address; a {@code null} field is left alone, an empty one cleared. */
    UserView update(Command command);

    record Command(UserId userId, String username, String phone, String address, Actor actor) {
    }
}

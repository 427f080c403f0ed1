package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

public interface SuspendUserUseCase {

    /**
     * Suspends an account (idempotent): it cannot log in or refresh, and the tokens it holds stop
     * working with the next request. Staff cannot suspend themselves.
     */
    UserView suspend(Command command);

    record Command(UserId userId, Actor actor) {
    }
}

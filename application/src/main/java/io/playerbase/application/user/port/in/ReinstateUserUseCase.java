package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

public interface ReinstateUserUseCase {

    /** Lifts a suspension (idempotent). Tokens issued before the suspension work again if not expired. */
    UserView reinstate(Command command);

    record Command(UserId userId, Actor actor) {
    }
}

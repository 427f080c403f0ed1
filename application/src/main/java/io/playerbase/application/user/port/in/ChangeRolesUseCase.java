package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.List;

public interface ChangeRolesUseCase {

    /**
     * Sets the staff roles of an account ({@code support}, {@code admin}; {@code player} always stays).
     * Effective on the account's next request. Staff cannot change their own roles.
     */
    UserView change(Command command);

    record Command(UserId userId, List<String> roles, Actor actor) {
    }
}

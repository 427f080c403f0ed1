package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.UserId;

public interface UserQueries {

    /** The account of the caller; {@code NotFound} when it no longer exists. */
    UserView byId(UserId id);
}

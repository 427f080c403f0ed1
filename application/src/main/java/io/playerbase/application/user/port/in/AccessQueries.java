package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.UserId;

import java.util.List;
import java.util.Optional;

public interface AccessQueries {

    /**
     * The roles an account holds right now if it may use its tokens (it exists and is active), else
     * empty. Asked on every request authenticated by a player token.
     */
    Optional<List<String>> activeRoles(UserId userId);
}

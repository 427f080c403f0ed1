package io.playerbase.domain.user;

import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.ReadOnlyPort;

/**
 * Outgoing port for staff listings of users, newest first. Served by the read-only database role,
 * which may read from a secondary: a change made a moment ago may not show yet.
 */
public interface UserSearch extends ReadOnlyPort {

    Page<User> search(UserFilter filter, PageRequest page);
}

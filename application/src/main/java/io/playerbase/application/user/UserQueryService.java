package io.playerbase.application.user;

import io.playerbase.application.user.port.in.UserQueries;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

@Singleton
final class UserQueryService implements UserQueries {

    private final UserRepository users;

    UserQueryService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserView byId(UserId id) {
        return users.findById(id).map(UserView::of).map(UserView::requireReadable)
                .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
    }
}

package io.playerbase.application.user;

import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.user.Role;
import io.playerbase.domain.user.User;

final class UserAuthentication {

    private UserAuthentication() {
    }

    static Authenticated of(User user) {
        return new Authenticated(user.id(), user.roles().stream().map(Role::wire).sorted().toList(),
                user.credentialsVersion());
    }
}

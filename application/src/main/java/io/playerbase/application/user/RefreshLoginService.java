package io.playerbase.application.user;

import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.RefreshLoginUseCase;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

@Singleton
final class RefreshLoginService implements RefreshLoginUseCase {

    private final UserRepository users;

    RefreshLoginService(UserRepository users) {
        this.users = users;
    }

    @Override
    public Authenticated refresh(Command command) {
        User user = users.findById(command.userId()).orElseThrow(AuthenticationFailed::new);
        if (!user.canAuthenticate() || user.credentialsVersion() != command.credentialsVersion()) {
            throw new AuthenticationFailed();
        }
        return UserAuthentication.of(user);
    }
}

package io.playerbase.application.user;

import io.playerbase.application.user.port.in.ReinstateUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class ReinstateUserService implements ReinstateUserUseCase {

    private final StaffChange staffChange;

    ReinstateUserService(UserRepository users, Clock clock) {
        this.staffChange = new StaffChange(users, clock);
    }

    @Override
    public UserView reinstate(Command command) {
        return staffChange.apply(command.userId(), command.actor(), "user.reinstated", User::reinstate);
    }
}

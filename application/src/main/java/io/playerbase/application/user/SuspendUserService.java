package io.playerbase.application.user;

import io.playerbase.application.user.port.in.SuspendUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class SuspendUserService implements SuspendUserUseCase {

    private final StaffChange staffChange;

    SuspendUserService(UserRepository users, Clock clock) {
        this.staffChange = new StaffChange(users, clock);
    }

    @Override
    public UserView suspend(Command command) {
        if (StaffChange.isSelf(command.userId(), command.actor())) {
            throw new RuleViolation("cannot-suspend-self", "Staff cannot suspend their own account");
        }
        return staffChange.apply(command.userId(), command.actor(), "user.suspended", User::suspend);
    }
}

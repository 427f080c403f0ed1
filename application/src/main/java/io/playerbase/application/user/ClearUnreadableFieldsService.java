package io.playerbase.application.user;

import io.playerbase.application.user.port.in.ClearUnreadableFieldsUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.user.UserRepository;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class ClearUnreadableFieldsService implements ClearUnreadableFieldsUseCase {

    private final StaffChange staffChange;

    ClearUnreadableFieldsService(UserRepository users, Clock clock) {
        this.staffChange = new StaffChange(users, clock);
    }

    @Override
    public UserView clear(Command command) {
        return staffChange.apply(command.userId(), command.actor(), "user.unreadable_fields_cleared",
                (user, now) -> user.clearUnreadable(command.fields(), now));
    }
}

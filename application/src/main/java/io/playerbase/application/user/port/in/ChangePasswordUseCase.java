package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

public interface ChangePasswordUseCase {

    /** Requires the current password; afterwards earlier refresh tokens are refused. */
    void change(Command command);

    record Command(UserId userId, String currentPassword, String newPassword, Actor actor) {
        @Override
        public String toString() {
            return "ChangePasswordUseCase.Command[userId=" + userId + ", redacted]";
        }
    }
}

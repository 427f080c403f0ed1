package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

public interface DeleteAccountUseCase {

    /**
     * Erases the caller's account after checking their password: personal data becomes unreadable,
     * email and username can be registered again, statistics stay under an anonymous name, the
     * ledger stays for accounting.
     */
    void delete(Command command);

    record Command(UserId userId, String password, Actor actor) {
        @Override
        public String toString() {
            return "DeleteAccountUseCase.Command[userId=" + userId + ", redacted]";
        }
    }
}

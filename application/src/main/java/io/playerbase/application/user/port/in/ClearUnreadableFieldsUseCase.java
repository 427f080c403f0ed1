package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;

import java.util.Set;

public interface ClearUnreadableFieldsUseCase {

    /**
     * Repairs an account some of whose personal fields are stored unreadably (corrupt or foreign
     * ciphertext, wrong type) by clearing those fields; audited. Only {@code phone} and {@code address}
     * can be cleared, and only while they are unreadable (422 {@code field-not-clearable},
     * {@code field-readable}).
     */
    UserView clear(Command command);

    record Command(UserId userId, Set<String> fields, Actor actor) {
    }
}

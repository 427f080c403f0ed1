package io.playerbase.application.user.port.in;

import io.playerbase.domain.shared.UserId;

public interface RefreshLoginUseCase {

    /**
     * Re-authenticates the holder of a (signature-checked) refresh token: fails when the account is no
     * longer active or its password changed since the token was issued.
     */
    Authenticated refresh(Command command);

    record Command(UserId userId, int credentialsVersion) {
    }
}

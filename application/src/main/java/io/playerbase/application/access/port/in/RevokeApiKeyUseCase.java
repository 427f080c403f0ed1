package io.playerbase.application.access.port.in;

import io.playerbase.domain.shared.Actor;

public interface RevokeApiKeyUseCase {

    /**
     * Revokes a key: from the moment this returns, no request authenticates with it. Revoking a revoked
     * key changes nothing; an unknown id is {@code NotFound}.
     */
    void revoke(Command command);

    record Command(String keyId, Actor actor) {
    }
}

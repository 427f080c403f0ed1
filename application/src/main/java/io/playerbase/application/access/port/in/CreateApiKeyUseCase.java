package io.playerbase.application.access.port.in;

import io.playerbase.domain.shared.Actor;

import java.util.List;

public interface CreateApiKeyUseCase {

    /** Issues a key; the result carries the only copy of its secret. */
    CreatedApiKey create(Command command);

    record Command(String name, List<String> scopes, Actor actor) {
    }

    /**
     * @param token what the holder sends as {@code Authorization: ApiKey <token>}; shown once, never stored
     */
    record CreatedApiKey(ApiKeyView key, String token) {
        @Override
        public String toString() {
            return "CreatedApiKey[key=" + key + ", token=redacted]";
        }
    }
}

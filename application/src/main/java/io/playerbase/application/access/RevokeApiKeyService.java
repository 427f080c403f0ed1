package io.playerbase.application.access;

import io.playerbase.application.access.port.in.RevokeApiKeyUseCase;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.access.ApiKeyRepository;
import io.playerbase.domain.shared.NotFound;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

@Singleton
final class RevokeApiKeyService implements RevokeApiKeyUseCase {

    private final ApiKeyRepository keys;
    private final Clock clock;

    RevokeApiKeyService(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void revoke(Command command) {
        // A malformed id cannot name a key: the same 404 as an unknown one.
        Optional<ApiKey> found = ApiKeyId.isValid(command.keyId())
                ? keys.findById(new ApiKeyId(command.keyId())) : Optional.empty();
        ApiKey key = found.orElseThrow(() -> new NotFound("api-key-not-found", "No such API key"));
        if (key.revoke(command.actor().id(), clock.instant())) {
            // false: revoked concurrently by someone else, whose revocation stands.
            keys.storeRevocation(key);
        }
    }
}

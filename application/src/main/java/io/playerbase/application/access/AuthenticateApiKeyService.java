package io.playerbase.application.access;

import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyCredential;
import io.playerbase.domain.access.ApiKeyRepository;
import io.playerbase.domain.access.Scope;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.SecretHasher;
import jakarta.inject.Singleton;

/**
 * Checks an API key on every request that carries one, against the stored key (no cache), so a
 * revocation is effective for the very next request on every instance.
 */
@Singleton
final class AuthenticateApiKeyService implements AuthenticateApiKeyUseCase {

    private final ApiKeyRepository keys;
    private final SecretHasher hasher;

    AuthenticateApiKeyService(ApiKeyRepository keys, SecretHasher hasher) {
        this.keys = keys;
        this.hasher = hasher;
    }

    @Override
    public ApiKeyPrincipal authenticate(Command command) {
        ApiKeyCredential credential = ApiKeyCredential.parse(command.token()).orElseThrow(AuthenticationFailed::new);
        ApiKey key = keys.findById(credential.id()).orElseThrow(AuthenticationFailed::new);
        if (!key.accepts(credential.secret(), hasher)) {
            throw new AuthenticationFailed();
        }
        return new ApiKeyPrincipal(key.id().value(), key.scopes().stream().map(Scope::wire).sorted().toList());
    }
}

package io.playerbase.application.access.port.in;

import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.Scope;

import java.time.Instant;
import java.util.List;

/** What admins see of an API key: never its secret or the secret's hash. */
public record ApiKeyView(String id, String name, List<String> scopes, boolean active, Instant createdAt,
                         String createdBy, Instant revokedAt, String revokedBy) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id().value(), key.name(), key.scopes().stream().map(Scope::wire).sorted().toList(),
                key.active(), key.createdAt(), key.createdBy(), key.revokedAt(), key.revokedBy());
    }
}

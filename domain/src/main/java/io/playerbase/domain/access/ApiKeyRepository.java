package io.playerbase.domain.access;

import java.util.Optional;

/**
 * Outgoing port for API keys ({@code api_keys}). Reads go to the primary: authentication must see a
 * revocation the moment it is stored.
 */
public interface ApiKeyRepository {

    void insert(ApiKey key);

    Optional<ApiKey> findById(ApiKeyId id);

    /**
     * Stores the revocation of a key unless it was revoked meanwhile.
     *
     * @return {@code false} when another request revoked it first (its revocation is kept)
     */
    boolean storeRevocation(ApiKey key);
}

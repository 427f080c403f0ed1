package io.playerbase.domain.testing;

import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.access.ApiKeyListing;
import io.playerbase.domain.access.ApiKeyRepository;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** In-memory API keys: repository and listing (newest first, cursor = last id), as the Mongo adapters behave. */
public final class InMemoryApiKeys implements ApiKeyRepository, ApiKeyListing {

    private final Map<String, ApiKey> keys = new ConcurrentSkipListMap<>(Comparator.reverseOrder());

    @Override
    public synchronized void insert(ApiKey key) {
        if (keys.putIfAbsent(key.id().value(), copy(key)) != null) {
            throw new Conflict("duplicate", "API key id exists");
        }
    }

    @Override
    public Optional<ApiKey> findById(ApiKeyId id) {
        return Optional.ofNullable(keys.get(id.value())).map(InMemoryApiKeys::copy);
    }

    @Override
    public synchronized boolean storeRevocation(ApiKey key) {
        ApiKey stored = keys.get(key.id().value());
        if (stored == null || !stored.active()) {
            return false;
        }
        keys.put(key.id().value(), copy(key));
        return true;
    }

    @Override
    public Page<ApiKey> list(PageRequest page) {
        if (page.cursor() != null && !ApiKeyId.isValid(page.cursor())) {
            throw new InvalidValue("cursor", "is not a cursor returned by this listing");
        }
        List<ApiKey> after = keys.values().stream()
                .filter(key -> page.cursor() == null || key.id().value().compareTo(page.cursor()) < 0)
                .limit(page.limit() + 1L)
                .map(InMemoryApiKeys::copy)
                .toList();
        boolean more = after.size() > page.limit();
        List<ApiKey> items = more ? after.subList(0, page.limit()) : after;
        return new Page<>(items, more ? items.get(items.size() - 1).id().value() : null);
    }

    private static ApiKey copy(ApiKey key) {
        return ApiKey.restore(key.id(), key.name(), key.scopes(), key.secretHash(), key.createdAt(), key.createdBy(),
                key.revokedAt(), key.revokedBy());
    }
}

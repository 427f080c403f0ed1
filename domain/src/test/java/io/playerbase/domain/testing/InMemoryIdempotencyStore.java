package io.playerbase.domain.testing;

import io.playerbase.domain.shared.IdempotencyRecord;
import io.playerbase.domain.shared.IdempotencyStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link IdempotencyStore}: unique per (scope, key), conditional on the lease id like the Mongo adapter. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<String, IdempotencyRecord> records = new HashMap<>();

    @Override
    public synchronized Optional<IdempotencyRecord> insertIfAbsent(IdempotencyRecord record) {
        IdempotencyRecord existing = records.putIfAbsent(id(record.scope(), record.key()), record);
        return Optional.ofNullable(existing);
    }

    @Override
    public synchronized boolean replace(IdempotencyRecord current, IdempotencyRecord replacement) {
        String id = id(current.scope(), current.key());
        IdempotencyRecord stored = records.get(id);
        if (stored == null || !stored.leaseId().equals(current.leaseId()) || stored.completed() != current.completed()) {
            return false;
        }
        records.put(id, replacement);
        return true;
    }

    @Override
    public synchronized boolean complete(String scope, String key, String leaseId, IdempotencyRecord.StoredResponse response) {
        IdempotencyRecord stored = records.get(id(scope, key));
        if (stored == null || !stored.leaseId().equals(leaseId) || stored.completed()) {
            return false;
        }
        records.put(id(scope, key), new IdempotencyRecord(scope, key, stored.fingerprint(), leaseId, stored.leaseUntil(),
                stored.createdAt(), stored.expiresAt(), response));
        return true;
    }

    @Override
    public synchronized void release(String scope, String key, String leaseId) {
        IdempotencyRecord stored = records.get(id(scope, key));
        if (stored != null && stored.leaseId().equals(leaseId) && !stored.completed()) {
            records.remove(id(scope, key));
        }
    }

    public synchronized Optional<IdempotencyRecord> find(String scope, String key) {
        return Optional.ofNullable(records.get(id(scope, key)));
    }

    private static String id(String scope, String key) {
        return scope + "\u0000" + key;
    }
}

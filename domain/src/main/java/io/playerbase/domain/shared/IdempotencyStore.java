package io.playerbase.domain.shared;

import java.util.Optional;

/**
 * Outgoing port for {@code Idempotency-Key} records ({@code idempotency_keys}), unique per (scope, key).
 * Every change is one conditional single-document write.
 */
public interface IdempotencyStore {

    /** Inserts the record unless one exists for its scope and key; returns the existing one then (expired or not). */
    Optional<IdempotencyRecord> insertIfAbsent(IdempotencyRecord record);

    /**
     * Replaces {@code current} (identified by scope, key and lease id) by {@code replacement}; false when the
     * stored record is no longer {@code current} (someone else replaced, completed or released it).
     */
    boolean replace(IdempotencyRecord current, IdempotencyRecord replacement);

    /** Stores the response of the attempt holding the lease; false when that attempt no longer holds it. */
    boolean complete(String scope, String key, String leaseId, IdempotencyRecord.StoredResponse response);

    /** Forgets the in-flight record of that lease, so the request can be retried; no-op when not held. */
    void release(String scope, String key, String leaseId);
}

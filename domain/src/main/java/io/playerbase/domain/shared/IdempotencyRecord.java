package io.playerbase.domain.shared;

import java.time.Instant;
import java.util.Objects;

/**
 * What the service remembers of one {@code Idempotency-Key}: whose key it is, a keyed fingerprint of
 * the request it came with, the lease of the attempt executing it, and once finished the response
 * to replay.
 *
 * @param scope       the principal the key belongs to (keys of different principals never collide)
 * @param fingerprint keyed hash of method, path and canonical body: the same key with another request is refused
 * @param leaseId     identifies the attempt that holds the key; only it may complete or release it
 * @param leaseUntil  while in flight: after this moment the attempt counts as dead and another may take over
 * @param expiresAt   after this moment the record is forgotten (TTL index on MongoDB; also checked on read)
 * @param response    {@code null} while in flight
 */
public record IdempotencyRecord(String scope, String key, String fingerprint, String leaseId, Instant leaseUntil,
                                Instant createdAt, Instant expiresAt, StoredResponse response) {

    public IdempotencyRecord {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean completed() {
        return response != null;
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** A response as it was sent: status, media type and body text. */
    public record StoredResponse(int status, String contentType, String body) {
        public StoredResponse {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String toString() {
            return "StoredResponse[status=" + status + ", contentType=" + contentType + ", body=<" + body.length() + " chars>]";
        }
    }
}

package io.playerbase.application.idempotency;

import io.playerbase.application.idempotency.port.in.ClaimIdempotencyKeyUseCase;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.IdempotencyRecord;
import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.shared.RuleViolation;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} semantics (docs/wallet.md): one record per (principal, key) holding a keyed
 * fingerprint of the request, a lease for the attempt executing it, and then its response.
 *
 * <p>The fingerprint is stored as a keyed hash ({@link BlindIndex}): a plain hash of a small request
 * body could be brute-forced back to the amount it carries.
 */
@Singleton
final class ClaimIdempotencyKeyService implements ClaimIdempotencyKeyUseCase {

    private static final int MAX_RACES = 5;

    private final IdempotencyStore store;
    private final BlindIndex keyedHash;
    private final IdempotencySettings settings;
    private final Clock clock;

    ClaimIdempotencyKeyService(IdempotencyStore store, BlindIndex keyedHash, IdempotencySettings settings, Clock clock) {
        this.store = store;
        this.keyedHash = keyedHash;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Claim claim(Command command) {
        String fingerprint = keyedHash.of("idempotency-request", sha256(command.requestFingerprint()));
        for (int race = 0; race < MAX_RACES; race++) {
            Instant now = clock.instant();
            IdempotencyRecord fresh = new IdempotencyRecord(command.scope(), command.key(), fingerprint,
                    UUID.randomUUID().toString(), now.plus(settings.lease()), now, now.plus(settings.retention()), null);
            Optional<IdempotencyRecord> found = store.insertIfAbsent(fresh);
            if (found.isEmpty()) {
                return new Claim.Proceed(fresh.leaseId());
            }
            IdempotencyRecord existing = found.get();
            if (existing.expired(now)) {
                // Forgotten (the TTL monitor may not have run yet): a new request like any other.
                if (store.replace(existing, fresh)) {
                    return new Claim.Proceed(fresh.leaseId());
                }
                continue;
            }
            if (!existing.fingerprint().equals(fingerprint)) {
                throw new RuleViolation("idempotency-key-reused",
                        "This Idempotency-Key was used with a different request; use a new key for a new request");
            }
            if (existing.completed()) {
                IdempotencyRecord.StoredResponse response = existing.response();
                return new Claim.Replay(response.status(), response.contentType(), response.body());
            }
            if (existing.leaseUntil().isAfter(now)) {
                throw new Conflict("idempotency-key-in-use",
                        "A request with this Idempotency-Key is still being processed; retry shortly");
            }
            // The first attempt died without an answer. Running the request again is safe: the money
            // movement underneath is exactly-once by its own operation id.
            IdempotencyRecord takeover = new IdempotencyRecord(command.scope(), command.key(), fingerprint,
                    fresh.leaseId(), fresh.leaseUntil(), existing.createdAt(), existing.expiresAt(), null);
            if (store.replace(existing, takeover)) {
                return new Claim.Proceed(takeover.leaseId());
            }
        }
        throw new Conflict("idempotency-key-in-use", "Requests with this Idempotency-Key are racing; retry shortly");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

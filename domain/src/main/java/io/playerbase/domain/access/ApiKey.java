package io.playerbase.domain.access;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.SecretHasher;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A credential of a game server or another service: a name for people, scopes, and the keyed hash of
 * its secret. The secret itself exists only in the {@link Issued} result of {@link #issue}: it is shown
 * once and never stored. A revoked key stays (for the record of who had access when) but never
 * authenticates again.
 */
public final class ApiKey {

    static final int MAX_NAME = 100;
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyId id;
    private final String name;
    private final Set<Scope> scopes;
    private final String secretHash;
    private final Instant createdAt;
    private final String createdBy;
    private Instant revokedAt;
    private String revokedBy;

    private ApiKey(ApiKeyId id, String name, Set<Scope> scopes, String secretHash, Instant createdAt,
                   String createdBy, Instant revokedAt, String revokedBy) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = validName(name);
        this.scopes = scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.revokedAt = revokedAt;
        this.revokedBy = revokedBy;
    }

    /** A new key and its secret; the secret is hashed with {@code hasher} and not kept. */
    public static Issued issue(String name, Set<Scope> scopes, SecretHasher hasher, String createdBy, Instant now) {
        byte[] random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey key = new ApiKey(ApiKeyId.newId(now), name, scopes, hasher.hash(secret), now, createdBy, null, null);
        return new Issued(key, new ApiKeyCredential(key.id, secret));
    }

    /** Rebuilds a stored key; used by adapters only. */
    public static ApiKey restore(ApiKeyId id, String name, Set<Scope> scopes, String secretHash, Instant createdAt,
                                 String createdBy, Instant revokedAt, String revokedBy) {
        return new ApiKey(id, name, scopes, secretHash, createdAt, createdBy, revokedAt, revokedBy);
    }

    /** Whether {@code secret} is this key's secret and the key is not revoked. */
    public boolean accepts(String secret, SecretHasher hasher) {
        // Verify even a revoked key's secret, so both refusals cost the same.
        boolean matches = hasher.verify(secret, secretHash);
        return matches && active();
    }

    /** Revokes the key; {@code false} when it was revoked already (the first revocation is kept). */
    public boolean revoke(String actorId, Instant now) {
        if (!active()) {
            return false;
        }
        revokedAt = Objects.requireNonNull(now, "now");
        revokedBy = Objects.requireNonNull(actorId, "actorId");
        return true;
    }

    public boolean active() {
        return revokedAt == null;
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidValue("name", "is required");
        }
        String stripped = name.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_NAME) {
            throw new InvalidValue("name", "must be at most " + MAX_NAME + " characters");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidValue("name", "must not contain control characters");
        }
        return stripped;
    }

    public ApiKeyId id() { return id; }
    public String name() { return name; }
    public Set<Scope> scopes() { return Collections.unmodifiableSet(scopes); }
    public String secretHash() { return secretHash; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant revokedAt() { return revokedAt; }
    public String revokedBy() { return revokedBy; }

    /** A freshly issued key with the only copy of its secret. */
    public record Issued(ApiKey key, ApiKeyCredential credential) {
    }
}

package io.playerbase.domain.subscription;

import io.playerbase.domain.shared.InvalidValue;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Premium given by hand (support goodwill): it adds premium until {@code expiresAt} and never changes
 * or hides a store subscription. Revoking it ends it, not the store's.
 *
 * @param grantedBy    the admin's id
 * @param reason       a code such as {@code goodwill}, {@code outage-2026-12}, {@code legacy}
 * @param revokedAt    when an admin revoked it, if one did
 */
public record PremiumGrant(String id, Instant grantedAt, String grantedBy, String reason, Instant expiresAt,
                           Instant revokedAt, String revokedBy, String revokeReason) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public PremiumGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        checkReason(reason);
        if (revokedAt != null) {
            Objects.requireNonNull(revokedBy, "revokedBy");
            checkReason(revokeReason);
        }
    }

    /** A reason code: 1-64 lower-case letters, digits, '_', '.' or '-'. */
    public static void checkReason(String reason) {
        if (reason == null || !CODE.matcher(reason).matches()) {
            throw new InvalidValue("reason", "must be 1-64 characters: lower-case letters, digits, '_', '.' or '-'");
        }
    }

    /** Grants premium at {@code now}: not revoked and not expired ({@code expiresAt} exclusive). */
    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    PremiumGrant revoked(Instant at, String by, String why) {
        return new PremiumGrant(id, grantedAt, grantedBy, reason, expiresAt, at, by, why);
    }
}

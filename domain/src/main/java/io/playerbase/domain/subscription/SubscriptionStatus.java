package io.playerbase.domain.subscription;

import java.time.Instant;
import java.util.Locale;

/**
 * Where a subscription stands (docs/subscriptions.md). The stored status is the store's last word;
 * {@link #at} turns it into the status at a given instant, because a paid period or a grace period
 * ends by the clock, not by a notification. Premium follows from the status at that instant.
 */
public enum SubscriptionStatus {
    /** Never paid (or only a pending purchase). */
    NONE,
    /** A paid period running, renewing. */
    ACTIVE,
    /** Renewal failed; the store still grants access until {@code grace_until} while it retries billing. */
    GRACE,
    /** Renewal failed and the grace period (if any) is over; the store keeps retrying billing. No access. */
    ON_HOLD,
    /** Paused by the player (Google Play); resumes later. No access. */
    PAUSED,
    /** Will not renew (auto-renew turned off), but the paid period runs until {@code expires_at}. */
    CANCELLED,
    /** Over: the paid period ended, or the store refunded or revoked it. */
    EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of this name; names Playerbase does not know (an older system's {@code inactive}) read as none. */
    public static SubscriptionStatus fromWire(String value) {
        if (value != null) {
            for (SubscriptionStatus status : values()) {
                if (status.wire().equals(value)) {
                    return status;
                }
            }
        }
        return NONE;
    }

    /**
     * The status at {@code now}, from the stored one: a running period ends at {@code expiresAt}
     * (exclusive) and a grace period at {@code graceUntil} (exclusive), whatever the store said last.
     */
    public SubscriptionStatus at(Instant now, Instant expiresAt, Instant graceUntil) {
        return switch (this) {
            case ACTIVE, CANCELLED -> expiresAt != null && now.isBefore(expiresAt) ? this : EXPIRED;
            case GRACE -> graceUntil != null && now.isBefore(graceUntil) ? this : ON_HOLD;
            default -> this;
        };
    }

    /** Whether this status (already taken {@link #at} an instant) grants premium. */
    public boolean premium() {
        return this == ACTIVE || this == CANCELLED || this == GRACE;
    }
}

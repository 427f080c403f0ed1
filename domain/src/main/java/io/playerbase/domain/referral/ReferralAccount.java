package io.playerbase.domain.referral;

import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * What the referral module reads of an account: its status and age for the redemption rules, and
 * {@code modules.referrals} (docs/referrals.md).
 *
 * @param code           the stored {@code referral_code}, as stored (codes of the old system may be in
 *                       another case); {@code null} until one is assigned
 * @param codeDisabled   an admin disabled the code: it can no longer be redeemed
 * @param referredBy     {@code referred_by}: the referrer's user id, or a code of the old system
 * @param countBase      the old system's {@code referral_count}, counted on top of the links made here
 */
public record ReferralAccount(UserId id, String username, Status status, boolean compPlayer, Instant createdAt,
                              String code, boolean codeDisabled, String referredBy, long referralCount,
                              long countBase, long rewardsEarned) {

    public ReferralAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public enum Status {
        ACTIVE, SUSPENDED, DELETED
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** Whether {@code candidate} is this account's current code. */
    public boolean holds(ReferralCode candidate) {
        return candidate.matches(code);
    }
}

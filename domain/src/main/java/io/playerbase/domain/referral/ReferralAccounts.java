package io.playerbase.domain.referral;

import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port for the referral part of accounts: {@code modules.referrals} of the user document
 * (and the account's status and age, read only). Each change is one conditional single-document
 * write that carries its audit entry, and is harmless to repeat.
 */
public interface ReferralAccounts {

    Optional<ReferralAccount> find(UserId id);

    /** Sets the account's code if it has none yet; whether it did. */
    boolean assignCode(UserId id, ReferralCode code, AuditEntry audit);

    /** Accounts whose referral module holds no code yet (for the assignment pass), at most {@code limit}. */
    List<UserId> withoutCode(int limit);

    /** Sets {@code referred_by} if it is not set yet; whether it did. */
    boolean setReferredBy(UserId referee, UserId referrer, AuditEntry audit);

    /** Raises {@code referral_count} to {@code count}, never lowering it; whether it changed. */
    boolean raiseReferralCount(UserId referrer, long count, AuditEntry audit);

    /**
     * Takes one of {@code referrer}'s reward slots for {@code referral}, atomically with the limits: at
     * most {@link RewardLimits#cap()} slots ever, at most {@link RewardLimits#velocity()} taken within
     * any {@link RewardLimits#window()}. Taking the same referral's slot again answers
     * {@link SlotOutcome.Claimed} and takes nothing.
     */
    SlotOutcome claimRewardSlot(UserId referrer, UserId referral, RewardLimits limits, Instant now);

    /** Gives a slot back (its referral was cancelled before payment); nothing when it holds none. */
    void releaseRewardSlot(UserId referrer, UserId referral);

    /**
     * Adds {@code amount} (negative for a reversal) to {@code rewards_earned}, once per ledger
     * operation id; whether this call did.
     */
    boolean noteReward(UserId account, String operationId, long amount, AuditEntry audit);

    /** Marks the account's code disabled; whether it changed. */
    boolean disableCode(UserId owner, AuditEntry audit);
}

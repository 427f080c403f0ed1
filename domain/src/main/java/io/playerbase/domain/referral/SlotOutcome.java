package io.playerbase.domain.referral;

import java.time.Instant;

/** The answer to a claim of one of a referrer's reward slots ({@link ReferralAccounts#claimRewardSlot}). */
public sealed interface SlotOutcome {

    /** The slot is this referral's (taken by this claim or an earlier one). */
    record Claimed() implements SlotOutcome {
    }

    /** The referrer has no slot left: the cap is reached. */
    record CapReached() implements SlotOutcome {
    }

    /** The referrer's velocity limit is spent: a slot may be free again at {@code retryAt}. */
    record Deferred(Instant retryAt) implements SlotOutcome {
    }

    /** The referrer's account cannot hold slots (gone, or its module data is not a document). */
    record Unavailable() implements SlotOutcome {
    }
}

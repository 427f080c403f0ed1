package io.playerbase.application.referral;

import io.playerbase.domain.referral.RewardLimits;
import io.playerbase.domain.wallet.Amount;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the referral module, provided by the bootstrap from configuration
 * ({@code playerbase.referrals.*}, docs/referrals.md).
 *
 * @param redeemWindow     how long after registration an account may redeem a code
 * @param referrerReward   credits for the referrer per rewarded referral (0: none)
 * @param refereeReward    credits for the referred account (0: none)
 * @param qualifyOnMatch   whether the referred account's first completed Dutch match qualifies
 * @param qualifyOnPurchase whether its first verified purchase qualifies
 * @param purchaseHold     how long after a qualifying purchase the rewards wait (a refund meanwhile cancels them)
 * @param limits           the per-referrer cap and velocity limit
 * @param recoveryMinAge   work younger than this is left to the request still doing it
 */
public record ReferralSettings(Duration redeemWindow, long referrerReward, long refereeReward, boolean qualifyOnMatch,
                               boolean qualifyOnPurchase, Duration purchaseHold, RewardLimits limits,
                               Duration recoveryMinAge) {

    public ReferralSettings {
        Objects.requireNonNull(redeemWindow, "redeemWindow");
        Objects.requireNonNull(purchaseHold, "purchaseHold");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(recoveryMinAge, "recoveryMinAge");
        if (redeemWindow.isNegative() || purchaseHold.isNegative() || recoveryMinAge.isNegative()) {
            throw new IllegalArgumentException("playerbase.referrals: durations cannot be negative");
        }
        for (long reward : new long[]{referrerReward, refereeReward}) {
            if (reward < 0 || reward > Amount.MAX) {
                throw new IllegalArgumentException("playerbase.referrals: rewards are 0 to " + Amount.MAX + " minor units");
            }
        }
    }
}

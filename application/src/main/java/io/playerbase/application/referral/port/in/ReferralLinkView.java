package io.playerbase.application.referral.port.in;

import io.playerbase.domain.referral.Qualification;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.Reward;
import io.playerbase.domain.referral.Side;

import java.time.Instant;

/**
 * A referral as seen from one of its accounts: the other account by username only, never more about it.
 *
 * @param referralId    the referral's id: the referred account's id
 * @param username      the other account's username
 * @param qualifiedBy   {@code match} or {@code purchase}; null while pending
 * @param payAt         when a qualified referral's rewards are due
 * @param closeReason   why it was cancelled ({@code purchase-refunded}) or left unrewarded ({@code cap-reached})
 */
public record ReferralLinkView(String referralId, String referrerId, String refereeId, String username, String code,
                               String state, Instant redeemedAt, String qualifiedBy, Instant qualifiedAt,
                               Instant payAt, Instant closedAt, String closeReason, RewardView referrerReward,
                               RewardView refereeReward) {

    public static ReferralLinkView of(Referral referral, String username) {
        Qualification by = referral.qualification().orElse(null);
        return new ReferralLinkView(referral.id().value(), referral.referrer().value(), referral.referee().value(),
                username, referral.code().value(), referral.state().wire(), referral.redeemedAt(),
                by == null ? null : by.kind().wire(), by == null ? null : by.at(), referral.payAt().orElse(null),
                referral.closedAt().orElse(null), referral.closeReason().orElse(null),
                RewardView.of(referral.reward(Side.REFERRER)), RewardView.of(referral.reward(Side.REFEREE)));
    }

    /**
     * One side's reward; null before the referral qualified.
     *
     * @param state {@code none}, {@code due}, {@code paid}, {@code forfeited}, {@code reversing}, {@code reversed}
     */
    public record RewardView(long amount, String state, String forfeitCode, Instant paidAt, Instant reversedAt) {

        static RewardView of(Reward reward) {
            if (reward == null) {
                return null;
            }
            return new RewardView(reward.amount(), reward.state().wire(), reward.forfeitCode(), reward.paidAt(),
                    reward.reversal() == null ? null : reward.reversal().doneAt());
        }
    }
}

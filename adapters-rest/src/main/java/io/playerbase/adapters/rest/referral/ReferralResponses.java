package io.playerbase.adapters.rest.referral;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.application.referral.port.in.ReferralLinkView;
import io.playerbase.application.referral.port.in.ReferralSummaryView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Response bodies of the referral endpoints. A player sees the other accounts of their referrals by
 * username only, and only their own side's reward; staff see ids and both sides.
 */
final class ReferralResponses {

    private ReferralResponses() {
    }

    /** One side's reward: {@code state} is {@code none}, {@code due}, {@code paid}, {@code forfeited}, {@code reversing}, {@code reversed}. */
    @Serdeable
    @Schema(name = "ReferralReward")
    record RewardResponse(long amount, String state, @Nullable String forfeitCode, @Nullable Instant paidAt,
                          @Nullable Instant reversedAt) {
        static RewardResponse of(ReferralLinkView.RewardView view) {
            return view == null ? null : new RewardResponse(view.amount(), view.state(), view.forfeitCode(), view.paidAt(),
                    view.reversedAt());
        }
    }

    /**
     * A referral as one of its players sees it: the other account's username, where it stands, and the
     * caller's own reward.
     */
    @Serdeable
    @Schema(name = "ReferralLink")
    record LinkResponse(String username, String state, Instant redeemedAt, @Nullable String qualifiedBy,
                        @Nullable Instant qualifiedAt, @Nullable Instant closedAt, @Nullable RewardResponse reward) {
        static LinkResponse asReferrer(ReferralLinkView view) {
            return of(view, RewardResponse.of(view.referrerReward()));
        }

        static LinkResponse asReferee(ReferralLinkView view) {
            return of(view, RewardResponse.of(view.refereeReward()));
        }

        private static LinkResponse of(ReferralLinkView view, RewardResponse reward) {
            return new LinkResponse(view.username(), view.state(), view.redeemedAt(), view.qualifiedBy(), view.qualifiedAt(),
                    view.closedAt(), reward);
        }
    }

    /** The caller's referrals: own code, who referred them, whom they referred (a page, newest first). */
    @Serdeable
    @Schema(name = "MyReferrals")
    record MyReferralsResponse(@Nullable String referralCode, boolean referralCodeDisabled, @Nullable Instant redeemableUntil,
                               @Nullable LinkResponse referredBy, long referralCount, long rewardsEarned,
                               List<LinkResponse> referred, @Nullable String nextCursor) {
        static MyReferralsResponse of(ReferralSummaryView view) {
            return new MyReferralsResponse(view.code(), view.codeDisabled(), view.redeemableUntil(),
                    view.referredBy() == null ? null : LinkResponse.asReferee(view.referredBy()), view.referralCount(),
                    view.rewardsEarned(), view.referred().stream().map(LinkResponse::asReferrer).toList(), view.nextCursor());
        }
    }

    /** A referral in full, for staff. {@code referral_id} is the referred account's id. */
    @Serdeable
    @Schema(name = "StaffReferralLink")
    record StaffLinkResponse(String referralId, String referrerId, String refereeId, String username, String code,
                             String state, Instant redeemedAt, @Nullable String qualifiedBy, @Nullable Instant qualifiedAt,
                             @Nullable Instant payAt, @Nullable Instant closedAt, @Nullable String closeReason,
                             @Nullable RewardResponse referrerReward, @Nullable RewardResponse refereeReward) {
        static StaffLinkResponse of(ReferralLinkView v) {
            return new StaffLinkResponse(v.referralId(), v.referrerId(), v.refereeId(), v.username(), v.code(), v.state(),
                    v.redeemedAt(), v.qualifiedBy(), v.qualifiedAt(), v.payAt(), v.closedAt(), v.closeReason(),
                    RewardResponse.of(v.referrerReward()), RewardResponse.of(v.refereeReward()));
        }
    }

    /** A user's referrals, for staff. */
    @Serdeable
    @Schema(name = "StaffReferrals")
    record StaffReferralsResponse(String userId, @Nullable String referralCode, boolean referralCodeDisabled,
                                  @Nullable Instant redeemableUntil, @Nullable StaffLinkResponse referredBy,
                                  long referralCount, long rewardsEarned, List<StaffLinkResponse> referred,
                                  @Nullable String nextCursor) {
        static StaffReferralsResponse of(ReferralSummaryView view) {
            return new StaffReferralsResponse(view.userId(), view.code(), view.codeDisabled(), view.redeemableUntil(),
                    view.referredBy() == null ? null : StaffLinkResponse.of(view.referredBy()), view.referralCount(),
                    view.rewardsEarned(), view.referred().stream().map(StaffLinkResponse::of).toList(), view.nextCursor());
        }
    }
}

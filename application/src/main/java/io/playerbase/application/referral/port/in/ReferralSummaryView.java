package io.playerbase.application.referral.port.in;

import java.time.Instant;
import java.util.List;

/**
 * An account's referrals: its own code, who referred it, the accounts it referred (a page, newest
 * first) and its counters.
 *
 * @param code            null until one is assigned (the recovery pass assigns it)
 * @param redeemableUntil until when this account may still redeem a code; null when it cannot any more
 * @param referredBy      the referral that links this account to its referrer, if any
 * @param referred        a page of the referrals this account made
 */
public record ReferralSummaryView(String userId, String code, boolean codeDisabled, Instant redeemableUntil,
                                  ReferralLinkView referredBy, long referralCount, long rewardsEarned,
                                  List<ReferralLinkView> referred, String nextCursor) {

    public ReferralSummaryView {
        referred = List.copyOf(referred);
    }
}

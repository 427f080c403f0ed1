package io.playerbase.bootstrap.referral;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code playerbase.referrals.*}; the defaults are in {@code application.yml}, the meaning in
 * docs/referrals.md.
 *
 * @param qualifyOn {@code match} and/or {@code purchase}
 * @param velocity  {@code <count>/<window>}, window in s, m, h or d
 */
@ConfigurationProperties("playerbase.referrals")
record ReferralProperties(Duration redeemWindow, long referrerReward, long refereeReward, List<String> qualifyOn,
                          Duration purchaseHold, int cap, String velocity, Duration recoveryMinAge) {
}

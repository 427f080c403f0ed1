package io.playerbase.domain.referral;

import java.time.Duration;
import java.util.Objects;

/**
 * What a referrer may earn: at most {@code cap} rewarded referrals ever, and at most {@code velocity}
 * of them within any {@code window}.
 */
public record RewardLimits(int cap, int velocity, Duration window) {

    public RewardLimits {
        Objects.requireNonNull(window, "window");
        if (cap < 0 || velocity < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("cap >= 0, velocity >= 1 and a positive window");
        }
    }
}

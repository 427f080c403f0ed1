package io.playerbase.domain.referral;

import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who may redeem which code (docs/referrals.md). The redeeming account's own rules come first, so an
 * account that may not redeem learns nothing about codes; then the code and its owner.
 */
public final class ReferralRules {

    private ReferralRules() {
    }

    /**
     * @param referee       the redeeming account
     * @param alreadyLinked whether a referral of {@code referee} exists already
     * @param owner         the account holding the code, empty when no account does
     * @param window        how long after registration an account may redeem a code
     * @throws RuleViolation {@code referral-already-redeemed}, {@code referral-window-closed},
     *                       {@code referral-own-code}, {@code referral-code-disabled},
     *                       {@code referrer-computer-player}, {@code referrer-inactive}
     * @throws NotFound      {@code referral-code-unknown}
     */
    public static void checkRedemption(ReferralAccount referee, boolean alreadyLinked, ReferralCode code,
                                       Optional<ReferralAccount> owner, Instant now, Duration window) {
        if (alreadyLinked || referee.referredBy() != null) {
            throw new RuleViolation("referral-already-redeemed", "This account has already redeemed a referral code");
        }
        if (now.isAfter(referee.createdAt().plus(window))) {
            throw new RuleViolation("referral-window-closed", "A referral code can be redeemed only within "
                    + window.toDays() + " days of registration");
        }
        checkCode(referee, code, owner);
    }

    /** The code's own rules: it exists, is someone else's, is not disabled, and its owner may refer. */
    public static void checkCode(ReferralAccount referee, ReferralCode code, Optional<ReferralAccount> owner) {
        if (owner.isEmpty()) {
            throw unknown();
        }
        ReferralAccount referrer = owner.get();
        if (referee != null && referrer.id().equals(referee.id())) {
            throw new RuleViolation("referral-own-code", "An account cannot redeem its own referral code");
        }
        // A code that is not its owner's current one (an alias left by an interrupted assignment) is
        // treated like a disabled one.
        if (referrer.codeDisabled() || !referrer.holds(code)) {
            throw new RuleViolation("referral-code-disabled", "This referral code is disabled");
        }
        if (referrer.compPlayer()) {
            throw new RuleViolation("referrer-computer-player", "Codes of computer players cannot be redeemed");
        }
        if (!referrer.active()) {
            throw new RuleViolation("referrer-inactive", "The owner of this referral code is not active");
        }
    }

    public static NotFound unknown() {
        return new NotFound("referral-code-unknown", "No account has this referral code");
    }
}

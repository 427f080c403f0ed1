package io.playerbase.application.referral;

import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralCodes;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.referral.ReferralRules;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Redeeming a code, shared by {@code POST /users/me/referral} and registration with a code. An unknown
 * code costs the same database work as a known one (the code lookup, then a read of its owner, or of
 * an id no account has), so its answer's timing does not tell whether a code exists.
 */
@Singleton
public final class ReferralRedemption {

    /** Read in place of an unknown code's owner: no account has this id. */
    private static final UserId NOBODY = new UserId("000000000000000000000000");
    private static final System.Logger LOG = System.getLogger(ReferralRedemption.class.getName());

    private final ReferralAccounts accounts;
    private final ReferralCodes codes;
    private final ReferralRepository referrals;
    private final ReferralProgress progress;
    private final ReferralSettings settings;
    private final Clock clock;

    ReferralRedemption(ReferralAccounts accounts, ReferralCodes codes, ReferralRepository referrals,
                       ReferralProgress progress, ReferralSettings settings, Clock clock) {
        this.accounts = accounts;
        this.codes = codes;
        this.referrals = referrals;
        this.progress = progress;
        this.settings = settings;
        this.clock = clock;
    }

    /** The code's owner, checked by the code's own rules (for an account about to register). */
    public void checkCode(ReferralCode code) {
        ReferralRules.checkCode(null, code, owner(code));
    }

    /**
     * Links {@code referee} to the owner of {@code code} once, after every rule passed; the rewards come
     * when the referee qualifies.
     */
    public Referral redeem(UserId referee, ReferralCode code, Actor actor) {
        Instant now = clock.instant();
        ReferralAccount account = accounts.find(referee)
                .orElseThrow(() -> new NotFound("user-not-found", "No such user"));
        boolean linked = referrals.find(referee).isPresent();
        Optional<ReferralAccount> owner = owner(code);
        ReferralRules.checkRedemption(account, linked, code, owner, now, settings.redeemWindow());
        Referral referral = Referral.redeem(referee, owner.orElseThrow().id(), code, now);
        if (!referrals.insert(referral)) {
            throw new RuleViolation("referral-already-redeemed", "This account has already redeemed a referral code");
        }
        try {
            return progress.advance(referral, actor);
        } catch (RuntimeException e) {
            // The link is stored; the recovery pass completes what is left.
            LOG.log(System.Logger.Level.WARNING, "Referral " + referee + " stored, its link left for the recovery pass: "
                    + e.getMessage());
            return referral;
        }
    }

    /** The owner of the code, read the same way whether the code exists or not. */
    private Optional<ReferralAccount> owner(ReferralCode code) {
        Optional<UserId> ownerId = codes.ownerOf(code);
        Optional<ReferralAccount> owner = accounts.find(ownerId.orElse(NOBODY));
        return ownerId.isPresent() ? owner : Optional.empty();
    }
}

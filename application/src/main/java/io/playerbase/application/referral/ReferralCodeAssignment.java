package io.playerbase.application.referral;

import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralCodes;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gives an account its referral code (docs/referrals.md), crash-safe without a transaction: first the
 * code is claimed (one insert into the code registry, which refuses a code another account holds),
 * then set on the account if it has none. A crash in between leaves a claim whose owner shows no code;
 * the next assignment of that account (at registration, by the recovery pass) finds the claim and uses
 * it. Two assignments racing each claim a code; the one that set its code on the account wins, the
 * other gives its claim back.
 */
@Singleton
public final class ReferralCodeAssignment {

    /** Tries of a fresh random code; with 30^8 codes a second try is already a rarity. */
    private static final int MAX_TRIES = 10;
    private static final System.Logger LOG = System.getLogger(ReferralCodeAssignment.class.getName());

    private final ReferralAccounts accounts;
    private final ReferralCodes codes;
    private final Clock clock;

    ReferralCodeAssignment(ReferralAccounts accounts, ReferralCodes codes, Clock clock) {
        this.accounts = accounts;
        this.codes = codes;
        this.clock = clock;
    }

    /**
     * The account's code, assigned now if it has none.
     *
     * @return empty when the account does not exist or holds a value that is no code (a stored value of
     *         the old system the migration left for a person to decide)
     */
    public Optional<ReferralCode> assign(UserId user, Actor actor) {
        Optional<ReferralAccount> account = accounts.find(user);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (account.get().code() != null) {
            return codeOf(account.get());
        }
        Instant now = clock.instant();
        List<ReferralCode> claimed = codes.ownedBy(user);
        ReferralCode code = claimed.isEmpty() ? claimNew(user, now) : claimed.get(0);
        if (accounts.assignCode(user, code, AuditEntry.of(user, actor, "referral.code_assigned", ReferralProgress.MODULE,
                List.of("referral_code"), now))) {
            return Optional.of(code);
        }
        Optional<ReferralAccount> after = accounts.find(user);
        if (claimed.isEmpty() && after.map(a -> !code.matches(a.code())).orElse(true)) {
            codes.release(code, user);
        }
        return after.flatMap(ReferralCodeAssignment::codeOf);
    }

    /**
     * For a just-created account: its code now, or, when that fails (the database is briefly away), by the
     * recovery pass later. The account's creation stands either way.
     */
    public void assignNewAccount(UserId user, Actor actor) {
        try {
            assign(user, actor);
        } catch (DomainException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "No referral code for new account " + user + " yet; the recovery pass "
                    + "assigns one: " + e.getMessage());
        }
    }

    private ReferralCode claimNew(UserId user, Instant now) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            ReferralCode candidate = ReferralCode.generate();
            if (codes.claim(candidate, user, now)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free referral code after " + MAX_TRIES + " tries");
    }

    private static Optional<ReferralCode> codeOf(ReferralAccount account) {
        return ReferralCode.isCode(account.code()) ? Optional.of(new ReferralCode(account.code())) : Optional.empty();
    }
}

package io.playerbase.application.referral;

import io.playerbase.domain.referral.Qualification;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.referral.ReferralState;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The hooks other modules call (docs/referrals.md): a Dutch match applied to its players, a purchase
 * verified, a purchase refunded. Each is idempotent and is called by the other module <b>before</b> it
 * marks its own step done (the match {@code applied}, the purchase {@code granted} or {@code refunded}),
 * so a crash in between is completed by that module's own retry or recovery pass, which calls the hook
 * again. Qualifying is durable before the hook returns; paying is tried at once and otherwise left to
 * the referral recovery pass.
 */
@Singleton
public final class ReferralQualification {

    private static final int MAX_ATTEMPTS = 20;
    private static final System.Logger LOG = System.getLogger(ReferralQualification.class.getName());

    private final ReferralRepository referrals;
    private final ReferralAccounts accounts;
    private final ReferralProgress progress;
    private final ReferralSettings settings;
    private final Clock clock;

    ReferralQualification(ReferralRepository referrals, ReferralAccounts accounts, ReferralProgress progress,
                          ReferralSettings settings, Clock clock) {
        this.referrals = referrals;
        this.accounts = accounts;
        this.progress = progress;
        this.settings = settings;
        this.clock = clock;
    }

    /** A Dutch match was applied to these players: it is the first completed match of any pending referee. */
    public void matchApplied(Collection<UserId> players, String matchId, Actor actor) {
        if (!settings.qualifyOnMatch()) {
            return;
        }
        for (Referral referral : referrals.pendingAmong(players)) {
            qualify(referral, new Qualification(Qualification.Kind.MATCH, matchId, clock.instant()), actor);
        }
    }

    /** A purchase of {@code owner} was verified (credits granted, or a subscription recorded). */
    public void purchaseVerified(UserId owner, String purchaseId, Actor actor) {
        if (!settings.qualifyOnPurchase()) {
            return;
        }
        Optional<Referral> referral = referrals.find(owner).filter(r -> r.state() == ReferralState.PENDING);
        referral.ifPresent(r -> qualify(r, new Qualification(Qualification.Kind.PURCHASE, purchaseId, clock.instant()), actor));
    }

    /**
     * A purchase of {@code owner} is being refunded: if it qualified a referral whose rewards are not
     * paid yet (the hold period), they are cancelled. Once the payment started, the refund changes
     * nothing here (an admin may reverse the rewards).
     */
    public void purchaseRefunded(UserId owner, String purchaseId, Actor actor) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Referral> found = referrals.find(owner).filter(r -> r.qualifiedByPurchase(purchaseId));
            if (found.isEmpty()) {
                return;
            }
            Referral referral = found.get();
            if (referral.state() == ReferralState.CANCELLED) {
                accounts.releaseRewardSlot(referral.referrer(), referral.id());
                return;
            }
            if (!referral.cancel("purchase-refunded", clock.instant())) {
                return;
            }
            try {
                referrals.update(referral);
                accounts.releaseRewardSlot(referral.referrer(), referral.id());
                LOG.log(System.Logger.Level.INFO, "Referral " + referral.id() + " cancelled by " + actor.id()
                        + ": its qualifying purchase was refunded");
                return;
            } catch (Conflict stale) {
                if (!"stale-version".equals(stale.code())) {
                    throw stale;
                }
            }
        }
        throw new Conflict("referral-busy", "The referral is being changed by many requests at once; retry");
    }

    private void qualify(Referral pending, Qualification by, Actor actor) {
        Referral referral = pending;
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            if (!referral.qualify(by, settings.referrerReward(), settings.refereeReward(), settings.purchaseHold(), now)) {
                return;
            }
            try {
                referrals.update(referral);
                break;
            } catch (Conflict stale) {
                if (!"stale-version".equals(stale.code()) || attempt >= MAX_ATTEMPTS) {
                    throw stale;
                }
                referral = referrals.find(pending.id()).orElseThrow();
            }
        }
        if (referral.due(clock.instant())) {
            try {
                progress.advance(referral, actor);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Referral " + referral.id() + " qualified, its rewards left for the "
                        + "recovery pass: " + e.getMessage());
            }
        }
    }
}

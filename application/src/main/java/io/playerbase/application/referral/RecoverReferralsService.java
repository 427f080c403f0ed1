package io.playerbase.application.referral;

import io.playerbase.application.referral.port.in.RecoverReferralsUseCase;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class RecoverReferralsService implements RecoverReferralsUseCase {

    /** Per run: the next run takes the rest. */
    static final int BATCH = 500;
    private static final System.Logger LOG = System.getLogger(RecoverReferralsService.class.getName());

    private final ReferralAccounts accounts;
    private final ReferralRepository referrals;
    private final ReferralCodeAssignment assignment;
    private final ReferralProgress progress;
    private final ReferralSettings settings;
    private final Clock clock;

    RecoverReferralsService(ReferralAccounts accounts, ReferralRepository referrals, ReferralCodeAssignment assignment,
                            ReferralProgress progress, ReferralSettings settings, Clock clock) {
        this.accounts = accounts;
        this.referrals = referrals;
        this.assignment = assignment;
        this.progress = progress;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int recover() {
        Actor system = Actor.system("referral-recovery");
        int handled = 0;
        for (UserId account : accounts.withoutCode(BATCH)) {
            try {
                assignment.assign(account, system);
                handled++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "No referral code for " + account + " yet: " + e.getMessage());
            }
        }
        for (Referral referral : referrals.workDueBefore(clock.instant().minus(settings.recoveryMinAge()), BATCH)) {
            try {
                progress.advance(referral, system);
                handled++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Referral " + referral.id() + " not finished yet: " + e.getMessage());
            }
        }
        return handled;
    }
}

package io.playerbase.application.referral;

import io.playerbase.application.wallet.MoneyMovements;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.referral.RewardLimits;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryPurchaseRepository;
import io.playerbase.domain.testing.InMemoryReferralAccounts;
import io.playerbase.domain.testing.InMemoryReferralCodes;
import io.playerbase.domain.testing.InMemoryReferrals;
import io.playerbase.domain.testing.InMemoryWalletRepository;

import java.time.Clock;
import java.time.Duration;

/**
 * The referral module over the domain's fakes, for the application tests of this module and of the
 * modules that call its hooks (users, Dutch game, purchases).
 */
public final class ReferralTestModule {

    public static final ReferralSettings SETTINGS = new ReferralSettings(Duration.ofDays(14), 500, 200, true, true,
            Duration.ofDays(14), new RewardLimits(50, 10, Duration.ofDays(1)), Duration.ofSeconds(30));

    public final InMemoryReferralAccounts accounts;
    public final InMemoryReferralCodes codes = new InMemoryReferralCodes();
    public final InMemoryReferrals referrals;
    final ReferralProgress progress;
    public final ReferralCodeAssignment assignment;
    public final ReferralRedemption redemption;
    public final ReferralQualification qualification;
    final ReferralQueryService queries;
    final RedeemReferralCodeService redeem;
    final DisableReferralCodeService disable;
    final ReverseReferralRewardService reverse;
    final RecoverReferralsService recovery;

    public ReferralTestModule(InMemoryReferralAccounts accounts, MoneyMovements movements, PurchaseRepository purchases,
                              ReferralSettings settings, Clock clock) {
        this.accounts = accounts;
        this.referrals = new InMemoryReferrals(accounts::username);
        this.progress = new ReferralProgress(referrals, accounts, movements, purchases, settings, clock);
        this.assignment = new ReferralCodeAssignment(accounts, codes, clock);
        this.redemption = new ReferralRedemption(accounts, codes, referrals, progress, settings, clock);
        this.qualification = new ReferralQualification(referrals, accounts, progress, settings, clock);
        this.queries = new ReferralQueryService(accounts, referrals, settings, clock);
        this.redeem = new RedeemReferralCodeService(redemption, accounts);
        this.disable = new DisableReferralCodeService(accounts, queries, clock);
        this.reverse = new ReverseReferralRewardService(referrals, accounts, progress, clock);
        this.recovery = new RecoverReferralsService(accounts, referrals, assignment, progress, settings, clock);
    }

    /** A module with no accounts of its own: hooks find nothing to do (for the other modules' tests). */
    public static ReferralTestModule empty(Clock clock) {
        return new ReferralTestModule(new InMemoryReferralAccounts(),
                new MoneyMovements(new InMemoryWalletRepository(), new InMemoryLedger(), clock),
                new InMemoryPurchaseRepository(), SETTINGS, clock);
    }
}

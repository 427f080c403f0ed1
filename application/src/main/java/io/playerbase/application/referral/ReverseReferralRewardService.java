package io.playerbase.application.referral;

import io.playerbase.application.referral.port.in.ReferralLinkView;
import io.playerbase.application.referral.port.in.ReverseReferralRewardUseCase;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralRepository;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.NotFound;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
final class ReverseReferralRewardService implements ReverseReferralRewardUseCase {

    private static final int MAX_ATTEMPTS = 20;

    private final ReferralRepository referrals;
    private final ReferralAccounts accounts;
    private final ReferralProgress progress;
    private final Clock clock;

    ReverseReferralRewardService(ReferralRepository referrals, ReferralAccounts accounts, ReferralProgress progress,
                                 Clock clock) {
        this.referrals = referrals;
        this.accounts = accounts;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public ReferralLinkView reverse(Command command) {
        Referral referral = asked(command);
        Referral done = progress.advance(referral, command.actor());
        String referrer = accounts.find(done.referrer()).map(ReferralAccount::username).orElse("");
        return ReferralLinkView.of(done, referrer);
    }

    /** Records the reversal asked for (first ask wins; asking again is fine), re-reading on a concurrent change. */
    private Referral asked(Command command) {
        for (int attempt = 1; ; attempt++) {
            Referral referral = referrals.find(command.referralId())
                    .orElseThrow(() -> new NotFound("referral-not-found", "No such referral"));
            if (!referral.requestReversal(command.side(), command.reason().value(), command.description(),
                    command.actor(), clock.instant())) {
                return referral;
            }
            try {
                referrals.update(referral);
                return referral;
            } catch (Conflict stale) {
                if (!"stale-version".equals(stale.code()) || attempt >= MAX_ATTEMPTS) {
                    throw stale;
                }
            }
        }
    }
}

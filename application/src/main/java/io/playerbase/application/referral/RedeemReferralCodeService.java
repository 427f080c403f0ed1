package io.playerbase.application.referral;

import io.playerbase.application.referral.port.in.RedeemReferralCodeUseCase;
import io.playerbase.application.referral.port.in.ReferralLinkView;
import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import jakarta.inject.Singleton;

@Singleton
final class RedeemReferralCodeService implements RedeemReferralCodeUseCase {

    private final ReferralRedemption redemption;
    private final ReferralAccounts accounts;

    RedeemReferralCodeService(ReferralRedemption redemption, ReferralAccounts accounts) {
        this.redemption = redemption;
        this.accounts = accounts;
    }

    @Override
    public ReferralLinkView redeem(Command command) {
        Referral referral = redemption.redeem(command.referee(), command.code(), command.actor());
        String referrer = accounts.find(referral.referrer()).map(ReferralAccount::username).orElse("");
        return ReferralLinkView.of(referral, referrer);
    }
}

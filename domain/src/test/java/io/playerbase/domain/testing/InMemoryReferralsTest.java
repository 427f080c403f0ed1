package io.playerbase.domain.testing;

import io.playerbase.domain.referral.Referral;
import io.playerbase.domain.referral.ReferralCode;
import io.playerbase.domain.referral.ReferralRepositoryContract;
import io.playerbase.domain.referral.ReferralState;
import io.playerbase.domain.shared.UserId;

class InMemoryReferralsTest extends ReferralRepositoryContract {

    private InMemoryReferralAccounts accounts;
    private InMemoryReferrals fake;

    @Override
    protected void createPorts() {
        accounts = new InMemoryReferralAccounts();
        fake = new InMemoryReferrals(accounts::username);
        referrals = fake;
        listing = fake;
    }

    @Override
    protected UserId newAccount(String username) {
        return accounts.add(username, NOW);
    }

    @Override
    protected void storeLegacyLink(UserId referee, UserId referrer, ReferralCode code) {
        fake.put(Referral.restore(new Referral.StoredState(referee, referrer, code, NOW, ReferralState.LEGACY, true,
                null, null, null, null, null, null, NOW, 1)));
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.referral.ReferralAccount;
import io.playerbase.domain.referral.ReferralAccounts;
import io.playerbase.domain.referral.ReferralAccountsContract;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;

class InMemoryReferralAccountsTest extends ReferralAccountsContract {

    private InMemoryReferralAccounts fake;

    @Override
    protected ReferralAccounts createAccounts() {
        fake = new InMemoryReferralAccounts();
        return fake;
    }

    @Override
    protected UserId newAccount(String username, Instant createdAt) {
        return fake.add(username, createdAt);
    }

    @Override
    protected void suspend(UserId id) {
        fake.setStatus(id, ReferralAccount.Status.SUSPENDED);
    }
}

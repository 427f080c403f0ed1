package io.playerbase.domain.testing;

import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.subscription.PremiumAccountRepository;
import io.playerbase.domain.subscription.PremiumAccountRepositoryContract;

/** The fake the application tests rely on, held to the same contract as the Mongo adapter. */
class InMemoryPremiumAccountsTest extends PremiumAccountRepositoryContract {

    private InMemoryPremiumAccounts fake;

    @Override
    protected PremiumAccountRepository createStore() {
        fake = new InMemoryPremiumAccounts();
        return fake;
    }

    @Override
    protected UserId newUser() {
        return fake.addUser();
    }

    @Override
    protected void deleteAccount(UserId user) {
        fake.deleteAccount(user);
    }
}

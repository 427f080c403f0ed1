package io.playerbase.domain.testing;

import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.WalletRepository;
import io.playerbase.domain.wallet.WalletRepositoryContract;

/** The fake every application test relies on keeps the same contract as the Mongo adapter. */
class InMemoryWalletRepositoryTest extends WalletRepositoryContract {

    private InMemoryWalletRepository fake;

    @Override
    protected WalletRepository createWallets() {
        fake = new InMemoryWalletRepository();
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

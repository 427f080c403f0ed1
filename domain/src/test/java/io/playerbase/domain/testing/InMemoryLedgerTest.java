package io.playerbase.domain.testing;

import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerContract;

/** The fake every application test relies on keeps the same contract as the Mongo adapter. */
class InMemoryLedgerTest extends LedgerContract {

    @Override
    protected Ledger createLedger() {
        return new InMemoryLedger();
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.shared.IdempotencyStoreContract;

/** The fake every application test relies on keeps the same contract as the Mongo adapter. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    protected IdempotencyStore createStore() {
        return new InMemoryIdempotencyStore();
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.shared.UniqueClaims;
import io.playerbase.domain.shared.UniqueClaimsContract;

/** The fake keeps the same contract as the Mongo adapter. */
class InMemoryUniqueClaimsTest extends UniqueClaimsContract {

    @Override
    protected UniqueClaims createStore() {
        return new InMemoryUniqueClaims();
    }
}

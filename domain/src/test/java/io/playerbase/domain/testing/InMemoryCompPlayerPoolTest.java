package io.playerbase.domain.testing;

import io.playerbase.domain.compplayer.CompPlayerPool;
import io.playerbase.domain.compplayer.CompPlayerPoolContract;

/** The fake every application test relies on keeps the same contract as the Mongo adapter. */
class InMemoryCompPlayerPoolTest extends CompPlayerPoolContract {

    private InMemoryCompPlayerPool fake;

    @Override
    protected CompPlayerPool createPool() {
        fake = new InMemoryCompPlayerPool();
        FRESH_SETUP.forEach(username -> fake.add(username, true));
        return fake;
    }

    @Override
    protected void suspend(String username) {
        fake.suspend(username);
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.access.ApiKeyStoreContract;

/** The fake every application test relies on keeps the same contract as the Mongo adapters. */
class InMemoryApiKeysTest extends ApiKeyStoreContract {

    @Override
    protected Ports createPorts() {
        InMemoryApiKeys keys = new InMemoryApiKeys();
        return new Ports(keys, keys);
    }
}

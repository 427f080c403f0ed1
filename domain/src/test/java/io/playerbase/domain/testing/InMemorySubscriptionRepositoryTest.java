package io.playerbase.domain.testing;

import io.playerbase.domain.subscription.SubscriptionRepository;
import io.playerbase.domain.subscription.SubscriptionRepositoryContract;

/** The fake the application tests rely on, held to the same contract as the Mongo adapter. */
class InMemorySubscriptionRepositoryTest extends SubscriptionRepositoryContract {

    @Override
    protected SubscriptionRepository createStore() {
        return new InMemorySubscriptionRepository();
    }
}

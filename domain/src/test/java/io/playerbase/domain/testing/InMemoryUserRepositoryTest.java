package io.playerbase.domain.testing;

import io.playerbase.domain.user.ModuleDefinition;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.UserRepositoryContract;

import java.util.List;

/** The fake every application test relies on keeps the same contract as the Mongo adapter. */
class InMemoryUserRepositoryTest extends UserRepositoryContract {

    @Override
    protected UserRepository createUsers() {
        return new InMemoryUserRepository();
    }

    @Override
    protected List<ModuleDefinition> activeModules() {
        return InMemoryModuleRegistry.standard().activeModules();
    }
}

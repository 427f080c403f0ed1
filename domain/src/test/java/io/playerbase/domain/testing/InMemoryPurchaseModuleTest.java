package io.playerbase.domain.testing;

import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.purchase.PurchaseModuleContract;
import io.playerbase.domain.shared.UserId;

import java.time.Instant;
import java.util.List;

/** The fake that application tests rely on, held to the same contract as the Mongo adapter. */
class InMemoryPurchaseModuleTest extends PurchaseModuleContract {

    private InMemoryPurchaseModule fake;

    @Override
    protected PurchaseModule createModule() {
        fake = new InMemoryPurchaseModule();
        return fake;
    }

    @Override
    protected UserId newUser() {
        return UserId.newId(NOW);
    }

    @Override
    protected long totalPurchases(UserId user) {
        return fake.counters(user).totalPurchases();
    }

    @Override
    protected Instant lastPurchaseAt(UserId user) {
        return fake.counters(user).lastPurchaseAt();
    }

    @Override
    protected List<String> auditActions(UserId user) {
        return fake.actions(user).stream().sorted().toList();
    }
}

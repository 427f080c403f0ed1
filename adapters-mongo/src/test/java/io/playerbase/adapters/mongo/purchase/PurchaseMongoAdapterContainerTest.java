package io.playerbase.adapters.mongo.purchase;

import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.testing.PurchaseRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The purchase port's contract on the container store. */
@Testcontainers(disabledWithoutDocker = true)
class PurchaseMongoAdapterContainerTest extends PurchaseRepositoryContract {

    private ApplicationContext context;

    @BeforeEach
    void start() {
        context = PurchaseStores.start(PurchaseStores.container());
    }

    @AfterEach
    void stop() {
        PurchaseStores.stop(context);
    }

    @Override
    protected PurchaseRepository repository() {
        return context.getBean(PurchaseRepository.class);
    }
}

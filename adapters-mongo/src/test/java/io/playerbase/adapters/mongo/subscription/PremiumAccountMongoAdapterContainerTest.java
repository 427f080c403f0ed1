package io.playerbase.adapters.mongo.subscription;

import io.playerbase.adapters.mongo.testing.MongoTarget;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same tests against a real MongoDB 7 (skipped where no Docker engine runs). */
@Testcontainers(disabledWithoutDocker = true)
class PremiumAccountMongoAdapterContainerTest extends PremiumAccountMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.CONTAINER;
    }
}

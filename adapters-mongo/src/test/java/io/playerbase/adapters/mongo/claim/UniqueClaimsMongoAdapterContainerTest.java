package io.playerbase.adapters.mongo.claim;

import io.playerbase.adapters.mongo.testing.MongoTarget;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same tests against a real MongoDB 7 (skipped where no Docker engine runs). */
@Testcontainers(disabledWithoutDocker = true)
class UniqueClaimsMongoAdapterContainerTest extends UniqueClaimsMongoAdapterTest {

    @Override
    MongoTarget target() {
        return MongoTarget.CONTAINER;
    }
}

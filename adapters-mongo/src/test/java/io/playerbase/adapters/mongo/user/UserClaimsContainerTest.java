package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.testing.MongoTarget;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same proofs against a real MongoDB 7, indexes dropped as on a cluster sharded by {@code _id} (skipped without Docker). */
@Testcontainers(disabledWithoutDocker = true)
class UserClaimsContainerTest extends UserClaimsTest {

    @Override
    MongoTarget target() {
        return MongoTarget.CONTAINER;
    }
}

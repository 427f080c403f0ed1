package io.playerbase.adapters.mongo.idempotency;

import com.mongodb.client.MongoClient;
import io.playerbase.adapters.mongo.testing.ContainerMongo;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against a real MongoDB 7 (skipped where no Docker engine runs). */
@Testcontainers(disabledWithoutDocker = true)
class ContainerIdempotencyTest extends IdempotencyStoreContract {

    @Override
    String connectionString() {
        return ContainerMongo.connectionString();
    }

    @Override
    MongoClient client() {
        return ContainerMongo.client();
    }

    @Override
    boolean embedded() {
        return false;
    }
}

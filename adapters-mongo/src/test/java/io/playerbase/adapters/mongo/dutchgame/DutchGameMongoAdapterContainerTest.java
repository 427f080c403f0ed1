package io.playerbase.adapters.mongo.dutchgame;

import io.playerbase.adapters.mongo.testing.ContainerMongo;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.Map;

/** The same contract against a real MongoDB 7 (skipped where no Docker engine runs). */
@Testcontainers(disabledWithoutDocker = true)
class DutchGameMongoAdapterContainerTest extends DutchGameRepositoryContract {

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("playerbase.mongo.uri", ContainerMongo.connectionString());
    }
}

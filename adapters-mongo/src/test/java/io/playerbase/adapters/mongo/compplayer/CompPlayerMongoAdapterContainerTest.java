package io.playerbase.adapters.mongo.compplayer;

import io.playerbase.adapters.mongo.testing.ContainerMongo;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.Map;

@Testcontainers(disabledWithoutDocker = true)
class CompPlayerMongoAdapterContainerTest extends CompPlayerPoolContract {

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("playerbase.mongo.uri", ContainerMongo.connectionString());
    }
}

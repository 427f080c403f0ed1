package io.playerbase.adapters.mongo.audit;

import com.mongodb.client.MongoClient;
import io.playerbase.adapters.mongo.testing.ContainerMongo;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class AuditLogStoreContainerTest extends AuditLogStoreContract {

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

package io.playerbase.adapters.mongo.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.testcontainers.containers.MongoDBContainer;

/**
 * A real MongoDB 7 (single-node replica set, Testcontainers), started on first use and shared by
 * the whole test JVM. Use it from classes annotated {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
public final class ContainerMongo {

    private static MongoDBContainer container;
    private static MongoClient client;

    private ContainerMongo() {
    }

    public static synchronized String connectionString() {
        if (container == null) {
            container = new MongoDBContainer("mongo:7");
            container.start();
        }
        return container.getReplicaSetUrl();
    }

    public static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(connectionString()))
                    .build());
        }
        return client;
    }

    /** A database with a unique name, empty. */
    public static MongoDatabase freshDatabase() {
        return client().getDatabase(EmbeddedMongo.uniqueDatabaseName());
    }
}

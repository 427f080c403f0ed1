package io.playerbase.adapters.mongo.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.testcontainers.containers.MongoDBContainer;

/**
 * A real sharded MongoDB 7 (Testcontainers' sharded mode: a config server, one shard and a
 * {@code mongos} in one container), started on first use and shared by the test JVM. Use it from
 * classes annotated {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
public final class ShardedMongo {

    private static MongoDBContainer container;
    private static MongoClient client;

    private ShardedMongo() {
    }

    public static synchronized String connectionString() {
        if (container == null) {
            container = new MongoDBContainer("mongo:7").withSharding();
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
}

package io.playerbase.adapters.mongo.testing;

import com.mongodb.client.MongoClient;
import io.micronaut.context.ApplicationContext;

/**
 * The two servers every port contract runs on: the embedded store of this process and a real MongoDB
 * in a container (started on first use; its tests are skipped where no Docker engine runs).
 */
public enum MongoTarget {

    EMBEDDED {
        @Override
        public String connectionString() {
            return EmbeddedMongo.connectionString();
        }

        @Override
        public MongoClient client() {
            return EmbeddedMongo.client();
        }
    },
    CONTAINER {
        @Override
        public String connectionString() {
            return ContainerMongo.connectionString();
        }

        @Override
        public MongoClient client() {
            return ContainerMongo.client();
        }
    };

    public abstract String connectionString();

    public abstract MongoClient client();

    /** The Mongo adapters on a fresh, migrated database of this server ({@link AdapterContext}). */
    public ApplicationContext startAdapters() {
        return AdapterContext.start(connectionString(), client(), this == EMBEDDED);
    }
}

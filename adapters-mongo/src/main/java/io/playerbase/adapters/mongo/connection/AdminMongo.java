package io.playerbase.adapters.mongo.connection;

import com.mongodb.client.MongoClient;

/**
 * The {@code admin} database role: the client for migrations and index management (Mongock's change
 * units create collections, validators and indexes), with its own small pool and its own credentials
 * when {@code MONGODB_URI_ADMIN} is set, so the service's everyday user needs no schema rights.
 */
public final class AdminMongo implements AutoCloseable {

    private final MongoClient client;
    private final String databaseName;

    AdminMongo(MongoClient client, String databaseName) {
        this.client = client;
        this.databaseName = databaseName;
    }

    public MongoClient client() {
        return client;
    }

    public String databaseName() {
        return databaseName;
    }

    @Override
    public void close() {
        client.close();
    }
}

package io.playerbase.adapters.mongo.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;

import java.util.UUID;

/**
 * One in-memory, session-tolerant embedded server per test JVM (on a free port), with a client.
 * Each test takes its own {@link #freshDatabase()}, so tests never see each other's data.
 */
public final class EmbeddedMongo {

    private static final EmbeddedMongoServer SERVER = EmbeddedMongoServer.startInMemory(0);
    private static final MongoClient CLIENT = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SERVER.connectionString()))
            .build());

    private EmbeddedMongo() {
    }

    /** For Micronaut contexts: pass it as {@code playerbase.mongo.uri}. */
    public static String connectionString() {
        return SERVER.connectionString();
    }

    public static MongoClient client() {
        return CLIENT;
    }

    /** A database with a unique name, empty. */
    public static MongoDatabase freshDatabase() {
        return CLIENT.getDatabase(uniqueDatabaseName());
    }

    public static String uniqueDatabaseName() {
        return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}

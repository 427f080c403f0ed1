package io.playerbase.adapters.mongo.legacy;

import io.playerbase.adapters.mongo.support.ProgressListener;
import com.mongodb.client.MongoDatabase;
import io.playerbase.adapters.mongo.connection.AdminMongo;
import io.playerbase.adapters.mongo.migration.DatabaseReset;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Writes a generated old-system database ({@link LegacyDatabaseGenerator}) into the configured database,
 * for the {@code generate-legacy} command: a database to rehearse a takeover on. Refused on a database
 * marked production (the same rule as reset) and when a collection it writes already holds documents,
 * so it never mixes test data into real data; it only inserts.
 */
@Singleton
public class LegacyTestData {

    /** The collections the generator writes. */
    static final List<String> COLLECTIONS = List.of("users", "user_modules", "user_audit_logs");

    private final AdminMongo admin;
    private final DatabaseReset reset;

    LegacyTestData(AdminMongo admin, DatabaseReset reset) {
        this.admin = admin;
        this.reset = reset;
    }

    /** Why writing test data here is refused, or {@code null} when it is allowed. */
    public String refusal() {
        String production = reset.refusal();
        if (production != null) {
            return production;
        }
        for (String collection : COLLECTIONS) {
            if (database().getCollection(collection).find().limit(1).first() != null) {
                return "collection " + collection + " of database " + admin.databaseName() + " is not empty";
            }
        }
        return null;
    }

    /**
     * @throws IllegalStateException when {@link #refusal()} refuses
     */
    public LegacyDatabaseGenerator.Written write(int users, long seed, ProgressListener listener) {
        String refusal = refusal();
        if (refusal != null) {
            throw new IllegalStateException("Refused: " + refusal);
        }
        return new LegacyDatabaseGenerator(seed).write(database(), users, listener);
    }

    public String databaseName() {
        return admin.databaseName();
    }

    private MongoDatabase database() {
        return admin.client().getDatabase(admin.databaseName());
    }
}

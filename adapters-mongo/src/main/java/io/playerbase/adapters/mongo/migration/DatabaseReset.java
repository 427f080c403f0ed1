package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.micronaut.context.annotation.Value;
import io.playerbase.adapters.mongo.connection.MongoStoreInfo;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The development reset: erase the database and run the fresh setup. It refuses on a database
 * marked production, which is either
 * <ul>
 *   <li>the database itself: the document {@code {_id: "environment", value: "production"}} in
 *   {@code playerbase_meta}, written by the {@code mark-production} command (a reset keeps nothing, so
 *   the mark must live where the data lives, not only in the configuration of one instance), or</li>
 *   <li>the configuration of this process: {@code playerbase.environment=production}.</li>
 * </ul>
 * No migration ever drops anything; this is the only code that does, and only when confirmed.
 */
@Singleton
public class DatabaseReset {

    static final String META_COLLECTION = "playerbase_meta";
    static final String ENVIRONMENT = "environment";
    static final String PRODUCTION = "production";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReset.class);

    private final MongoClient client;
    private final String databaseName;
    private final String environment;
    private final MigrationRunner runner;

    public DatabaseReset(MongoClient client, MongoStoreInfo store, @Value("${playerbase.environment:development}") String environment,
                         MigrationRunner runner) {
        this.client = client;
        this.databaseName = store.database();
        this.environment = environment;
        this.runner = runner;
    }

    /** Why a reset is refused here, or {@code null} when it is allowed. */
    public String refusal() {
        if (PRODUCTION.equalsIgnoreCase(environment.strip())) {
            return "playerbase.environment is production";
        }
        Document mark = database().getCollection(META_COLLECTION).find(Filters.eq("_id", ENVIRONMENT)).first();
        if (mark != null && PRODUCTION.equals(mark.getString("value"))) {
            return "database " + databaseName + " is marked production (" + META_COLLECTION + ", since " + mark.get("marked_at") + ")";
        }
        return null;
    }

    /** Marks the database as production: from then on nothing resets it. Idempotent. */
    public void markProduction() {
        database().getCollection(META_COLLECTION).replaceOne(Filters.eq("_id", ENVIRONMENT),
                new Document("_id", ENVIRONMENT).append("value", PRODUCTION).append("marked_at", new Date()),
                new ReplaceOptions().upsert(true));
    }

    /**
     * Drops every collection of the database, then applies every change unit (fresh setup).
     *
     * @throws IllegalStateException when the database is marked production
     */
    public MigrationStatus reset() {
        String refusal = refusal();
        if (refusal != null) {
            throw new IllegalStateException("Reset refused: " + refusal);
        }
        MongoDatabase database = database();
        List<String> collections = database.listCollectionNames().into(new ArrayList<>());
        LOG.warn("Resetting database {}: dropping {} collections", databaseName, collections.size());
        for (String collection : collections) {
            database.getCollection(collection).drop();
        }
        return runner.migrate();
    }

    private MongoDatabase database() {
        return client.getDatabase(databaseName);
    }
}

package io.playerbase.adapters.mongo.connection;

import com.mongodb.ReadPreference;
import com.mongodb.client.AggregateIterable;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.Set;

/**
 * The {@code read_only} database role: its own client (own pool, own credentials when
 * {@code MONGODB_URI_READ_ONLY} is set) reading with {@code secondaryPreferred}, for listings, reports,
 * leaderboards and exports. It hands out <b>read operations only</b>: neither the client nor a
 * {@code MongoDatabase} or {@code MongoCollection} ever leaves this class, so code that holds it cannot
 * write, and an architecture rule keeps classes that use it from also taking the read-write
 * {@code MongoDatabase}. Reads may lag the primary by replication delay; code that must see its own
 * writes (authentication, a just-revoked key) reads through the primary instead.
 */
public final class ReadOnlyMongo implements AutoCloseable {

    /** Aggregation stages that write; refused here. */
    private static final Set<String> WRITING_STAGES = Set.of("$out", "$merge");

    private final MongoClient client;
    private final MongoDatabase database;

    ReadOnlyMongo(MongoClient client, String databaseName) {
        this.client = client;
        this.database = client.getDatabase(databaseName).withReadPreference(ReadPreference.secondaryPreferred());
    }

    public FindIterable<Document> find(String collection, Bson filter) {
        return database.getCollection(collection).find(filter);
    }

    public long count(String collection, Bson filter) {
        return database.getCollection(collection).countDocuments(filter);
    }

    /** An aggregation without {@code $out} or {@code $merge} (which would write). */
    public AggregateIterable<Document> aggregate(String collection, List<? extends Bson> pipeline) {
        for (Bson stage : pipeline) {
            BsonDocument document = stage.toBsonDocument(Document.class, database.getCodecRegistry());
            for (String operator : document.keySet()) {
                if (WRITING_STAGES.contains(operator)) {
                    throw new IllegalArgumentException("The read-only database role cannot run " + operator);
                }
            }
        }
        return database.getCollection(collection).aggregate(pipeline);
    }

    public ReadPreference readPreference() {
        return database.getReadPreference();
    }

    /** The client, for the connection tests of this package only. */
    MongoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}

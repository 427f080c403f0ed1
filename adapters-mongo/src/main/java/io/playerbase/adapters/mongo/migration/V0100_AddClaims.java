package io.playerbase.adapters.mongo.migration;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code claims} (docs/scaling.md, "Uniqueness without a global index"): one document per unique
 * natural key, {@code _id} = {@code <kind>:<value>}, {@code owner}, {@code state} ({@code pending} or
 * {@code held}), {@code since}. The {@code _id} index makes a claim unique on every store and on a
 * cluster sharded by {@code _id}; {@code ix_claims_state_since} serves the recovery pass (pending
 * claims, oldest first).
 *
 * <p>Backfill of what existing databases hold, every claim {@code held}: each user's blind-index
 * entries ({@code email:<entry>}, {@code username:<entry>}; the {@code erased:}/{@code unindexed:}
 * placeholders claim nothing) and each purchase ({@code store_tx:<store>:<store transaction id>}, owner
 * {@code <user id>:<purchase id>}). API keys need none: their id is the {@code _id} of {@code api_keys}. Read in {@code _id} order and written in unordered
 * batches of {@value #BATCH}; a key already claimed by the same owner is skipped, so a second run (or the
 * sharding unit, which runs it again before it drops the unique indexes) changes nothing. A key claimed
 * by another owner cannot happen while the unique indexes hold; if it does, it is logged (ids only) and
 * counted, and left for a person. Frozen once applied.
 */
@ChangeUnit(id = "V0100_AddClaims", order = "0100", author = "playerbase")
public class V0100_AddClaims {

    static final String COLLECTION = "claims";
    static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(V0100_AddClaims.class);
    private static final int NAMESPACE_EXISTS = 48;

    private final MongoDatabase database;

    public V0100_AddClaims(MongoDatabase database) {
        this.database = database;
    }

    @Execution
    public void execute() {
        if (!database.listCollectionNames().into(new ArrayList<>()).contains(COLLECTION)) {
            try {
                database.createCollection(COLLECTION);
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != NAMESPACE_EXISTS) {
                    throw e;
                }
            }
        }
        database.getCollection(COLLECTION).createIndex(new Document("state", 1).append("since", 1),
                new IndexOptions().name("ix_claims_state_since"));
        backfill(database);
    }

    /** Claims of every existing user and purchase that has none; returns the collisions found. */
    static int backfill(MongoDatabase database) {
        Backfill run = new Backfill(database.getCollection(COLLECTION));
        for (Document user : database.getCollection("users").find()
                .projection(Projections.include("email_bidx", "username_bidx")).sort(new Document("_id", 1)).batchSize(BATCH)) {
            if (!(user.get("_id") instanceof ObjectId id)) {
                continue; // not a user this service wrote or can read
            }
            String owner = id.toHexString();
            run.add("email", user.get("email_bidx"), owner);
            run.add("username", user.get("username_bidx"), owner);
        }
        for (Document purchase : database.getCollection("user_purchases").find()
                .projection(Projections.include("user_id", "store", "store_transaction_id")).sort(new Document("_id", 1))
                .batchSize(BATCH)) {
            if (purchase.get("store") instanceof String store && purchase.get("store_transaction_id") instanceof String id
                    && purchase.get("user_id") instanceof ObjectId user && purchase.get("_id") instanceof ObjectId owner) {
                run.add("store_tx:" + store + ":" + id, user.toHexString() + ":" + owner.toHexString());
            }
        }
        run.flush();
        LOG.info("Claims backfilled: {} written, {} present already, {} held by another owner",
                run.written, run.present, run.collisions);
        return run.collisions;
    }

    /** Nothing to undo: every step is idempotent and nothing is dropped. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0100_AddClaims failed; nothing is dropped, the next run completes it");
    }

    private static final class Backfill {
        private final MongoCollection<Document> claims;
        private final List<Document> batch = new ArrayList<>();
        private final Date now = new Date();
        private int written;
        private int present;
        private int collisions;

        Backfill(MongoCollection<Document> claims) {
            this.claims = claims;
        }

        /** The claims of a blind-index field as stored: a list of entries (a placeholder string claims nothing). */
        void add(String kind, Object entries, String owner) {
            if (entries instanceof List<?> list) {
                for (Object entry : list) {
                    if (entry instanceof String text && !text.isBlank()) {
                        add(kind + ":" + text, owner);
                    }
                }
            }
        }

        void add(String id, String owner) {
            batch.add(new Document("_id", id).append("kind", id.substring(0, id.indexOf(':'))).append("owner", owner)
                    .append("state", "held").append("since", now));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<Document> documents = new ArrayList<>(batch);
            batch.clear();
            Set<Integer> duplicates = new HashSet<>();
            try {
                claims.insertMany(documents, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    duplicates.add(error.getIndex());
                }
            }
            written += documents.size() - duplicates.size();
            if (duplicates.isEmpty()) {
                return;
            }
            Map<Object, String> wanted = new HashMap<>();
            duplicates.forEach(index -> wanted.put(documents.get(index).get("_id"), documents.get(index).getString("owner")));
            for (Document stored : claims.find(Filters.in("_id", wanted.keySet())).projection(Projections.include("owner"))) {
                String owner = wanted.get(stored.get("_id"));
                if (owner.equals(stored.getString("owner"))) {
                    present++;
                } else {
                    collisions++;
                    LOG.warn("Claim of kind {} is held by {} but also stored on {}; left for a person to resolve",
                            String.valueOf(stored.get("_id")).substring(0, String.valueOf(stored.get("_id")).indexOf(':')),
                            stored.getString("owner"), owner);
                }
            }
        }
    }
}

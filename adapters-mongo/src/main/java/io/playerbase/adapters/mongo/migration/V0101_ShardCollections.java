package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.mongock.api.annotations.ChangeUnit;
import io.mongock.api.annotations.Execution;
import io.mongock.api.annotations.RollbackExecution;
import io.playerbase.adapters.mongo.migration.ShardKeys.ShardKey;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shards the collections of {@link ShardKeys} when {@code playerbase.mongo.sharding.enabled} is on and the
 * target is a sharded cluster (its {@code hello} says {@code isdbgrid}); anywhere else it does nothing.
 * It runs at every start ({@code runAlways}), so a database moved into a cluster, or a setting turned on
 * later, is sharded at the next start, and it only does what is missing:
 * <ol>
 *   <li>a collection already sharded by its key is left alone; sharded by another key, the start fails
 *       (resharding is a decision for a person: docs/scaling.md);</li>
 *   <li>before anything else, the claims are backfilled again ({@link V0100_AddClaims#backfill}): users and
 *       purchases written by an earlier version during the upgrade get theirs, and a key claimed by two
 *       owners stops the start;</li>
 *   <li>the unique indexes a sharded collection cannot keep are replaced by plain ones of the same keys
 *       (uniqueness is the claims' job by then): {@code users} email and username blind indexes,
 *       {@code user_purchases} (store, store transaction id). This is the one place a change unit drops
 *       an index;</li>
 *   <li>the shard key's index, {@code enableSharding}, {@code shardCollection}.</li>
 * </ol>
 */
@ChangeUnit(id = "V0101_ShardCollections", order = "0101", author = "playerbase", runAlways = true)
public class V0101_ShardCollections {

    private static final Logger LOG = LoggerFactory.getLogger(V0101_ShardCollections.class);
    private static final int INDEX_NOT_FOUND = 27;
    /** Unique indexes replaced by plain ones before their collection is sharded: collection → name → (plain name, keys). */
    static final Map<String, Map<String, Replacement>> REPLACED_UNIQUE_INDEXES = Map.of(
            "users", Map.of(
                    "ux_users_email_bidx", new Replacement("ix_users_email_bidx", new Document("email_bidx", 1)),
                    "ux_users_username_bidx", new Replacement("ix_users_username_bidx", new Document("username_bidx", 1))),
            "user_purchases", Map.of(
                    "ux_user_purchases_store_transaction", new Replacement("ix_user_purchases_store_transaction",
                            new Document("store", 1).append("store_transaction_id", 1))));

    record Replacement(String name, Document keys) {
    }

    private final MongoDatabase database;
    private final MigrationSettings settings;
    private final ShardingCluster cluster;

    public V0101_ShardCollections(MongoDatabase database, MigrationSettings settings, ShardingCluster cluster) {
        this.database = database;
        this.settings = settings;
        this.cluster = cluster;
    }

    @Execution
    public void execute() {
        if (!settings.shardingEnabled()) {
            return;
        }
        if (!cluster.isMongos()) {
            LOG.warn("playerbase.mongo.sharding.enabled is on, but the database is not reached through a mongos "
                    + "(hello does not say isdbgrid): nothing is sharded");
            return;
        }
        String name = database.getName();
        List<ShardKey> missing = new ArrayList<>();
        for (ShardKey key : ShardKeys.SHARDED) {
            Optional<Document> current = cluster.shardKey(name, key.collection());
            if (current.isEmpty()) {
                missing.add(key);
            } else if (!sameKey(current.get(), key.key())) {
                throw new IllegalStateException(name + "." + key.collection() + " is sharded by " + current.get().toJson()
                        + " where Playerbase expects " + key.key().toJson() + ": reshard it by hand (docs/scaling.md)");
            }
        }
        if (missing.isEmpty()) {
            LOG.info("Sharded cluster: every collection of database {} is sharded by its key", name);
            return;
        }
        int collisions = V0100_AddClaims.backfill(database);
        if (collisions > 0) {
            throw new IllegalStateException(collisions + " claims are held by one owner and stored on another (logged "
                    + "above): resolve them before the unique indexes give way to the claims");
        }
        cluster.enableSharding(name);
        for (ShardKey key : missing) {
            replaceUniqueIndexes(key.collection());
            ensureShardKeyIndex(key);
            cluster.shardCollection(name, key.collection(), key.key());
            LOG.info("Sharded {}.{} by {}", name, key.collection(), key.key().toJson());
        }
    }

    private void replaceUniqueIndexes(String collection) {
        REPLACED_UNIQUE_INDEXES.getOrDefault(collection, Map.of()).forEach((unique, plain) -> {
            database.getCollection(collection).createIndex(plain.keys(), new IndexOptions().name(plain.name()));
            try {
                database.getCollection(collection).dropIndex(unique);
                LOG.info("{}.{} replaced by the plain index {}: its uniqueness is kept by the claims", collection, unique, plain.name());
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != INDEX_NOT_FOUND) {
                    throw e;
                }
            }
        });
    }

    /** {@code shardCollection} needs an index that starts with the key: an existing one serves (same keys, other name). */
    private void ensureShardKeyIndex(ShardKey key) {
        for (Document index : database.getCollection(key.collection()).listIndexes()) {
            Document keys = index.get("key", Document.class);
            if (keys != null && keys.size() >= key.key().size()) {
                Document prefix = new Document();
                keys.entrySet().stream().limit(key.key().size()).forEach(entry -> prefix.append(entry.getKey(), entry.getValue()));
                if (sameKey(prefix, key.key())) {
                    return;
                }
            }
        }
        database.getCollection(key.collection()).createIndex(key.key(), new IndexOptions().name("sk_" + key.collection()));
    }

    private static boolean sameKey(Document stored, Document expected) {
        if (!List.copyOf(stored.keySet()).equals(List.copyOf(expected.keySet()))) {
            return false;
        }
        for (String field : expected.keySet()) {
            Object left = stored.get(field);
            Object right = expected.get(field);
            boolean same = left instanceof Number l && right instanceof Number r ? l.intValue() == r.intValue() : left.equals(right);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Nothing to undo: every step is idempotent; the next start completes what is missing. */
    @RollbackExecution
    public void rollback() {
        LOG.warn("V0101_ShardCollections failed; the next start completes what is missing");
    }
}

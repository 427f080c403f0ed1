package io.playerbase.adapters.mongo.migration;

import io.changock.migration.api.annotations.NonLockGuarded;
import org.bson.Document;

import java.util.Optional;

/**
 * What {@link V0101_ShardCollections} asks of the cluster: whether it talks to a {@code mongos}, the
 * shard key a collection has, and the two sharding commands. Given to Mongock as a dependency
 * ({@link MongoShardingCluster} on the admin role's client); tests record the calls.
 */
@NonLockGuarded
interface ShardingCluster {

    /** Whether the server is a {@code mongos}: its {@code hello} reply says {@code msg: "isdbgrid"}. */
    boolean isMongos();

    /** The key the collection is sharded by ({@code config.collections}), if it is sharded. */
    Optional<Document> shardKey(String database, String collection);

    /** {@code enableSharding} of the database (a no-op where it is enabled, or where every database may be sharded). */
    void enableSharding(String database);

    /** {@code shardCollection} of {@code <database>.<collection>} by {@code key}. */
    void shardCollection(String database, String collection, Document key);
}

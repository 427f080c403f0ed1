package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link V0101_ShardCollections} against a recording stand-in for the cluster, on a migrated embedded
 * database: what it shards, in which order, what it leaves alone. (On a real sharded cluster:
 * {@code ShardedClusterContainerTest}, skipped without Docker.)
 */
class V0101ShardCollectionsTest {

    /** Answers like a mongos (or not) and records the sharding commands. */
    private static final class RecordingCluster implements ShardingCluster {
        private final boolean mongos;
        private final Map<String, Document> sharded = new HashMap<>();
        private final List<String> commands = new ArrayList<>();

        RecordingCluster(boolean mongos) {
            this.mongos = mongos;
        }

        @Override
        public boolean isMongos() {
            return mongos;
        }

        @Override
        public Optional<Document> shardKey(String database, String collection) {
            return Optional.ofNullable(sharded.get(collection));
        }

        @Override
        public void enableSharding(String database) {
            commands.add("enableSharding " + database);
        }

        @Override
        public void shardCollection(String database, String collection, Document key) {
            commands.add("shardCollection " + collection + " " + key.toJson());
            sharded.put(collection, key);
        }
    }

    private static Set<String> indexNames(MongoDatabase database, String collection) {
        return database.getCollection(collection).listIndexes().into(new ArrayList<>()).stream()
                .map(index -> index.getString("name")).collect(Collectors.toSet());
    }

    private static MigrationSettings settings(boolean shardingEnabled) {
        return new MigrationSettings(TestMigrations.COMP_PLAYER_PASSWORD, TestMigrations.AUDIT_RETENTION_DAYS, true, shardingEnabled);
    }

    @Test
    void onAShardedClusterEveryCollectionOfTheTableIsShardedByItsKeyAfterTheClaimsAreComplete() {
        MongoDatabase database = TestMigrations.migratedEmbeddedDatabase();
        // A user written by an earlier version (no claims): the unit claims for it before the unique indexes go.
        ObjectId legacy = new ObjectId();
        database.getCollection("users").insertOne(new Document("_id", legacy)
                .append("email_bidx", List.of("fake:aaaa")).append("username_bidx", List.of("fake:bbbb")));
        RecordingCluster cluster = new RecordingCluster(true);

        new V0101_ShardCollections(database, settings(true), cluster).execute();

        List<String> expected = new ArrayList<>(List.of("enableSharding " + database.getName()));
        ShardKeys.SHARDED.forEach(key -> expected.add("shardCollection " + key.collection() + " " + key.key().toJson()));
        assertEquals(expected, cluster.commands);
        assertEquals(legacy.toHexString(), database.getCollection("claims").find(Filters.eq("_id", "email:fake:aaaa")).first().getString("owner"));
        Set<String> userIndexes = indexNames(database, "users");
        assertFalse(userIndexes.contains("ux_users_email_bidx"));
        assertFalse(userIndexes.contains("ux_users_username_bidx"));
        assertTrue(userIndexes.containsAll(Set.of("ix_users_email_bidx", "ix_users_username_bidx")));
        assertTrue(indexNames(database, "user_audit_logs").contains("sk_user_audit_logs"), "the shard key needs its index");
        assertTrue(indexNames(database, "user_purchases").contains("ix_user_purchases_store_transaction"));
        assertFalse(indexNames(database, "user_purchases").contains("ux_user_purchases_store_transaction"));
        assertTrue(indexNames(database, "dutch_matches").containsAll(Set.of("ux_dutch_matches_match_id", "sk_dutch_matches")),
                "a unique index prefixed by the shard key's field stays");
        assertFalse(indexNames(database, "idempotency_keys").contains("sk_idempotency_keys"),
                "the unique (client, key) index already serves the shard key");

        cluster.commands.clear();
        new V0101_ShardCollections(database, settings(true), cluster).execute();
        assertEquals(List.of(), cluster.commands, "the next start finds everything sharded");
    }

    @Test
    void aCollectionShardedByAnotherKeyStopsTheStart() {
        MongoDatabase database = TestMigrations.migratedEmbeddedDatabase();
        RecordingCluster cluster = new RecordingCluster(true);
        cluster.sharded.put("users", new Document("_id", 1));
        assertThrows(IllegalStateException.class, () -> new V0101_ShardCollections(database, settings(true), cluster).execute());
        assertEquals(List.of(), cluster.commands);
        assertTrue(indexNames(database, "users").contains("ux_users_email_bidx"), "nothing dropped");
    }

    @Test
    void withoutTheSettingOrWithoutAMongosNothingHappens() {
        MongoDatabase database = TestMigrations.migratedEmbeddedDatabase();
        RecordingCluster mongos = new RecordingCluster(true);
        new V0101_ShardCollections(database, settings(false), mongos).execute();
        RecordingCluster replicaSet = new RecordingCluster(false);
        new V0101_ShardCollections(database, settings(true), replicaSet).execute();
        assertEquals(List.of(), mongos.commands);
        assertEquals(List.of(), replicaSet.commands);
        assertTrue(indexNames(database, "users").containsAll(Set.of("ux_users_email_bidx", "ux_users_username_bidx")));
    }

    @Test
    void theEmbeddedStoreIsNoMongos() {
        assertFalse(new MongoShardingCluster(EmbeddedMongo.client()).isMongos());
    }
}

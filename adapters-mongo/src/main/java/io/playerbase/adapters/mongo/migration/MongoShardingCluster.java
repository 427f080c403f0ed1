package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.Optional;

/** {@link ShardingCluster} through a client's {@code admin} and {@code config} databases. */
final class MongoShardingCluster implements ShardingCluster {

    private final MongoClient client;

    MongoShardingCluster(MongoClient client) {
        this.client = client;
    }

    @Override
    public boolean isMongos() {
        Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
        return "isdbgrid".equals(hello.get("msg"));
    }

    @Override
    public Optional<Document> shardKey(String database, String collection) {
        Document entry = client.getDatabase("config").getCollection("collections")
                .find(Filters.and(Filters.eq("_id", database + "." + collection), Filters.ne("dropped", true))).first();
        return Optional.ofNullable(entry).map(found -> found.get("key", Document.class));
    }

    @Override
    public void enableSharding(String database) {
        client.getDatabase("admin").runCommand(new Document("enableSharding", database));
    }

    @Override
    public void shardCollection(String database, String collection, Document key) {
        client.getDatabase("admin").runCommand(new Document("shardCollection", database + "." + collection).append("key", key));
    }
}

package io.playerbase.adapters.mongo.compplayer;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.compplayer.CompPlayerPool;
import io.playerbase.domain.compplayer.CompPlayerPoolContract;
import org.bson.Document;

/** {@link CompPlayerMongoAdapter} on a migrated database (the fresh setup's computer players). */
abstract class CompPlayerMongoAdapterTest extends CompPlayerPoolContract {

    private ApplicationContext context;
    private MongoDatabase database;

    abstract MongoTarget target();

    @Override
    protected CompPlayerPool createPool() {
        context = target().startAdapters();
        database = context.getBean(MongoDatabase.class);
        return context.getBean(CompPlayerPool.class);
    }

    @Override
    protected void suspend(String username) {
        database.getCollection("users").updateOne(Filters.eq("username", username),
                new Document("$set", new Document("status", "suspended")));
    }

    @Override
    protected void closePool() {
        database.drop();
        context.close();
    }
}

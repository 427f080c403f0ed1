package io.playerbase.adapters.mongo.audit;

import com.mongodb.client.MongoClient;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;

class AuditLogStoreEmbeddedTest extends AuditLogStoreContract {

    @Override
    String connectionString() {
        return EmbeddedMongo.connectionString();
    }

    @Override
    MongoClient client() {
        return EmbeddedMongo.client();
    }

    @Override
    boolean embedded() {
        return true;
    }
}

package io.playerbase.adapters.mongo.idempotency;

import com.mongodb.client.MongoClient;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;

class EmbeddedIdempotencyTest extends IdempotencyStoreContract {

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

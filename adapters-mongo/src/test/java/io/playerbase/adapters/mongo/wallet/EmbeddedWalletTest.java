package io.playerbase.adapters.mongo.wallet;

import com.mongodb.client.MongoClient;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;

class EmbeddedWalletTest extends WalletRepositoryContract {

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

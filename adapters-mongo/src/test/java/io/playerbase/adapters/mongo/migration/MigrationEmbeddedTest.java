package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

class MigrationEmbeddedTest extends MigrationContract {

    @Override
    MongoClient client() {
        return EmbeddedMongo.client();
    }

    @Override
    MongoDatabase freshDatabase() {
        return EmbeddedMongo.freshDatabase();
    }

    @Override
    boolean embedded() {
        return true;
    }

    @Test
    void theEmbeddedStoreGetsPlainIndexesWhereItLacksTheOption() {
        runner().migrate();

        assertFalse(index("user_audit_logs", "ttl_user_audit_logs_timestamp").containsKey("expireAfterSeconds"));
        assertFalse(index("users", "ix_users_pending_audit").containsKey("partialFilterExpression"));
    }
}

package io.playerbase.adapters.mongo.migration;

import io.playerbase.adapters.mongo.testing.MongoTarget;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

class MigrationEmbeddedTest extends MigrationTest {

    @Override
    MongoTarget target() {
        return MongoTarget.EMBEDDED;
    }

    @Test
    void theEmbeddedStoreGetsPlainIndexesWhereItLacksTheOption() {
        runner().migrate();

        assertFalse(index("user_audit_logs", "ttl_user_audit_logs_timestamp").containsKey("expireAfterSeconds"));
        assertFalse(index("users", "ix_users_pending_audit").containsKey("partialFilterExpression"));
    }
}

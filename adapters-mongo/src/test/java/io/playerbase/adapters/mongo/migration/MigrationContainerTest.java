package io.playerbase.adapters.mongo.migration;

import com.mongodb.MongoWriteException;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.adapters.mongo.testing.TestMigrations;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Testcontainers(disabledWithoutDocker = true)
class MigrationContainerTest extends MigrationTest {

    @Override
    MongoTarget target() {
        return MongoTarget.CONTAINER;
    }

    @Test
    void aRealMongoDbGetsTtlAndPartialIndexes() {
        runner().migrate();

        assertEquals(TestMigrations.AUDIT_RETENTION_DAYS * 86_400L,
                ((Number) index("user_audit_logs", "ttl_user_audit_logs_timestamp").get("expireAfterSeconds")).longValue());
        assertEquals(0L, ((Number) index("idempotency_keys", "ttl_idempotency_keys_expires_at").get("expireAfterSeconds")).longValue());
        assertEquals(new Document("pending_audit.0", new Document("$exists", true)),
                index("users", "ix_users_pending_audit").get("partialFilterExpression"));
    }

    @Test
    void aRealMongoDbRejectsUsersWithoutTheRequiredFields() {
        runner().migrate();

        assertThrows(MongoWriteException.class, () -> database.getCollection("users")
                .insertOne(new Document("username", "no_email").append("created_at", new Date())));
        assertThrows(MongoWriteException.class, () -> database.getCollection("users").insertOne(new Document()
                .append("email", "x").append("email_bidx", "x").append("username", "u").append("username_bidx", "u")
                .append("password_hash", "h").append("status", "unknown").append("is_comp_player", false)
                .append("created_at", new Date()).append("modules", new Document())));
        assertThrows(MongoWriteException.class, () -> database.getCollection("user_audit_logs")
                .insertOne(new Document("action", "x").append("module", "user").append("timestamp", "not a date")
                        .append("user_id", List.of())));
    }
}

package io.playerbase.adapters.mongo.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.AuditRecorder;
import io.playerbase.domain.shared.NotFound;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * {@link AuditRecorder}: the entry goes through the user's outbox like every other (pushed in one
 * update, then delivered), so it is durable once this returns even if the delivery is left to the
 * recovery pass.
 */
@Singleton
final class AuditRecorderMongoAdapter implements AuditRecorder {

    private final MongoCollection<Document> users;
    private final AuditOutbox outbox;

    AuditRecorderMongoAdapter(MongoDatabase database, AuditOutbox outbox) {
        this.users = database.getCollection("users");
        this.outbox = outbox;
    }

    @Override
    public void record(AuditEntry entry) {
        long matched = MongoErrors.call(() -> users.updateOne(Filters.eq("_id", new ObjectId(entry.userId().value())),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(entry))).getMatchedCount());
        if (matched == 0) {
            throw new NotFound("user-not-found", "No such user");
        }
        outbox.deliver(entry);
    }
}

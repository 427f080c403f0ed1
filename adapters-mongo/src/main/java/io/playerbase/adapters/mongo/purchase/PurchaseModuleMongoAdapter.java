package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.purchase.PurchaseModule;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Singleton;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * {@link PurchaseModule} on {@code modules.in_app_purchases} of the user document: {@code $max} on the
 * counters (a late or repeated write never lowers them) and the audit entry pushed to the user's
 * outbox, in one {@code updateOne}. {@code active_entitlements} belongs to the subscription module.
 */
@Singleton
final class PurchaseModuleMongoAdapter implements PurchaseModule {

    private static final String PATH = "modules.in_app_purchases.";

    private final MongoCollection<Document> users;
    private final AuditOutbox outbox;

    PurchaseModuleMongoAdapter(MongoDatabase database, AuditOutbox outbox) {
        this.users = database.getCollection("users");
        this.outbox = outbox;
    }

    @Override
    public void noteCounters(UserId userId, long totalPurchases, Instant lastPurchaseAt, AuditEntry audit) {
        MongoErrors.run(() -> users.updateOne(Filters.eq("_id", new ObjectId(userId.value())), Updates.combine(
                Updates.max(PATH + "total_purchases", totalPurchases),
                Updates.max(PATH + "last_purchase_at", Date.from(lastPurchaseAt)),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit)))));
        outbox.deliver(audit);
    }

    @Override
    public void audit(AuditEntry audit) {
        MongoErrors.run(() -> users.updateOne(Filters.eq("_id", new ObjectId(audit.userId().value())),
                Updates.push(AuditOutbox.FIELD, AuditOutbox.toBson(audit))));
        outbox.deliver(audit);
    }
}

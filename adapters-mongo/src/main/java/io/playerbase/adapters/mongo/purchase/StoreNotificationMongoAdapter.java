package io.playerbase.adapters.mongo.purchase;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.VerifiedPurchase;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link StoreNotificationLog} on {@code store_notifications}: {@code _id} is the store and its
 * notification id, so the first delivery inserts and every redelivery finds it (and counts it). What a
 * notification says of its purchase ({@code store_transaction_id}, {@code purchase_state},
 * {@code revoked_at}, {@code sent_at}) is written with the first delivery and never changed, and so is
 * the purchase itself ({@code purchase}, the fields of {@code user_purchases}), so that the recovery pass
 * can apply a notification a crash left unprocessed ({@link #unprocessed}, by the index
 * {@code ix_store_notifications_unprocessed} on {@code processed_at}, {@code received_at}).
 */
@Singleton
final class StoreNotificationMongoAdapter implements StoreNotificationLog {

    static final String COLLECTION = "store_notifications";

    private final MongoCollection<Document> notifications;

    StoreNotificationMongoAdapter(MongoDatabase database) {
        this.notifications = database.getCollection(COLLECTION);
    }

    @Override
    public boolean receive(StoreNotification n, Instant now) {
        String id = id(n.store(), n.notificationId());
        Document document = new Document("_id", id)
                .append("store", n.store().wireName())
                .append("notification_id", n.notificationId())
                .append("type", n.type())
                .append("subtype", n.subtype())
                .append("sent_at", Date.from(n.sentAt()))
                .append("environment", n.environment())
                .append("store_transaction_id", n.verifiedPurchase().map(p -> p.storeTransactionId()).orElse(null))
                .append("purchase_state", n.verifiedPurchase().map(p -> p.state().name().toLowerCase(Locale.ROOT)).orElse(null))
                .append("revoked_at", n.verifiedPurchase().map(VerifiedPurchase::revokedAt).map(Date::from).orElse(null))
                .append("purchase", n.verifiedPurchase().map(PurchaseDocuments::verifiedDocument).orElse(null))
                .append("raw_payload", n.rawPayload())
                .append("renewal_info", n.renewalInfo())
                .append("received_at", Date.from(now))
                .append("deliveries", 1)
                .append("processed_at", null)
                .append("outcome", null);
        try {
            MongoErrors.run(() -> notifications.insertOne(document));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = MongoErrors.call(() -> notifications.findOneAndUpdate(Filters.eq("_id", id),
                Updates.inc("deliveries", 1)));
        return existing == null || existing.get("processed_at") == null;
    }

    @Override
    public void processed(Store store, String notificationId, String outcome, Instant now) {
        MongoErrors.run(() -> notifications.updateOne(Filters.eq("_id", id(store, notificationId)),
                Updates.combine(Updates.set("processed_at", Date.from(now)), Updates.set("outcome", outcome))));
    }

    /**
     * Not processed ({@code processed_at} null) and received before the given time, oldest first. One
     * logged before the log kept its purchase (a {@code store_transaction_id} but no {@code purchase})
     * is left to the store's redelivery.
     */
    @Override
    public List<StoreNotification> unprocessed(Instant receivedBefore, int limit) {
        return MongoErrors.call(() -> notifications.find(Filters.and(Filters.eq("processed_at", null),
                        Filters.lt("received_at", Date.from(receivedBefore)),
                        Filters.or(Filters.eq("store_transaction_id", null), Filters.ne("purchase", null))))
                .sort(Sorts.ascending("received_at")).limit(limit)
                .map(StoreNotificationMongoAdapter::notification).into(new ArrayList<>()));
    }

    private static StoreNotification notification(Document d) {
        Document purchase = d.get("purchase", Document.class);
        return new StoreNotification(Store.fromWireName(d.getString("store")), d.getString("notification_id"),
                d.getString("type"), d.getString("subtype"), d.getDate("sent_at").toInstant(), d.getString("environment"),
                purchase == null ? null : PurchaseDocuments.verified(purchase), d.getString("renewal_info"),
                d.getString("raw_payload"));
    }

    /** The index on (store, store_transaction_id) finds the few notifications about one purchase; they are sorted here. */
    @Override
    public Optional<PurchaseEvent> latestAbout(Store store, String storeTransactionId) {
        return MongoErrors.call(() -> Optional.ofNullable(notifications.find(Filters.and(
                        Filters.eq("store", store.wireName()), Filters.eq("store_transaction_id", storeTransactionId),
                        Filters.ne("purchase_state", null)))
                .sort(Sorts.descending("sent_at")).first()))
                .map(d -> new PurchaseEvent(d.getString("notification_id"), d.getString("type"),
                        d.getDate("sent_at").toInstant(),
                        VerifiedPurchase.StoreState.valueOf(d.getString("purchase_state").toUpperCase(Locale.ROOT)),
                        d.getDate("revoked_at") == null ? null : d.getDate("revoked_at").toInstant()));
    }

    private static String id(Store store, String notificationId) {
        return store.wireName() + ":" + notificationId;
    }
}

package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.StoreNotificationLogContract;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.testing.PurchaseFixtures;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link StoreNotificationMongoAdapter}: the port's contract, and what {@code store_notifications} keeps
 * for support: one document per notification, every delivery counted, type, outcome and what the
 * notification said about its purchase.
 */
abstract class StoreNotificationMongoAdapterTest extends StoreNotificationLogContract {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private ApplicationContext context;

    abstract MongoTarget target();

    @Override
    protected StoreNotificationLog createLog() {
        context = target().startAdapters();
        return context.getBean(StoreNotificationLog.class);
    }

    @Override
    protected void closeLog() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void everyDeliveryIsCountedAndWhatTheNotificationSaidIsKept() {
        VerifiedPurchase revoked = PurchaseFixtures.verified(Store.APP_STORE, "2000009", "com.example.coins500",
                ProductKind.CREDITS_PACK).withState(VerifiedPurchase.StoreState.REVOKED, NOW.minusSeconds(5));
        StoreNotification refund = new StoreNotification(Store.APP_STORE, "uuid-9", "REFUND", null, NOW, "Sandbox",
                revoked, "{\"autoRenewStatus\":0}", "{\"notificationType\":\"REFUND\"}");
        StoreNotification unknown = new StoreNotification(Store.APP_STORE, "uuid-10", "SOMETHING_NEW", null, NOW, "Sandbox",
                null, null, "{\"notificationType\":\"SOMETHING_NEW\"}");
        log.receive(refund, NOW);
        log.receive(refund, NOW.plusSeconds(1));
        log.processed(Store.APP_STORE, "uuid-9", "refunded", NOW.plusSeconds(2));
        log.receive(refund, NOW.plusSeconds(3));
        log.receive(unknown, NOW);
        log.processed(Store.APP_STORE, "uuid-10", "ignored:unknown-type", NOW);

        var collection = context.getBean(MongoDatabase.class).getCollection("store_notifications");
        Document stored = collection.find(Filters.eq("_id", "app_store:uuid-9")).first();
        assertEquals(3, stored.getInteger("deliveries"));
        assertEquals("refunded", stored.getString("outcome"));
        assertEquals(Date.from(NOW.plusSeconds(2)), stored.getDate("processed_at"));
        assertEquals("2000009", stored.getString("store_transaction_id"));
        assertEquals("revoked", stored.getString("purchase_state"));
        assertEquals(Date.from(NOW.minusSeconds(5)), stored.getDate("revoked_at"));
        assertEquals(Date.from(NOW), stored.getDate("sent_at"));
        assertEquals("{\"notificationType\":\"REFUND\"}", stored.getString("raw_payload"));
        assertEquals("{\"autoRenewStatus\":0}", stored.getString("renewal_info"));

        assertEquals("2000009", stored.get("purchase", Document.class).getString("store_transaction_id"),
                "the purchase itself, for the recovery pass");
        assertEquals("revoked", stored.get("purchase", Document.class).getString("store_state"));

        Document kept = collection.find(Filters.eq("_id", "app_store:uuid-10")).first();
        assertEquals("SOMETHING_NEW", kept.getString("type"));
        assertEquals("ignored:unknown-type", kept.getString("outcome"));
        assertNull(kept.getString("purchase_state"));
    }

    @Test
    void aNotificationAboutAPurchaseLoggedBeforeTheLogKeptThePurchaseIsLeftToTheStoresRedelivery() {
        VerifiedPurchase bought = PurchaseFixtures.verified(Store.APP_STORE, "2000011", "com.example.coins500",
                ProductKind.CREDITS_PACK);
        log.receive(new StoreNotification(Store.APP_STORE, "uuid-old", "REFUND_REVERSED", null, NOW, "Sandbox", bought,
                null, "{}"), NOW);
        log.receive(new StoreNotification(Store.APP_STORE, "uuid-test", "TEST", null, NOW, "Sandbox", null, null, "{}"),
                NOW.plusSeconds(1));
        var collection = context.getBean(MongoDatabase.class).getCollection("store_notifications");
        collection.updateOne(Filters.eq("_id", "app_store:uuid-old"), new Document("$unset", new Document("purchase", "")));

        assertEquals(List.of("uuid-test"), log.unprocessed(NOW.plusSeconds(60), 10).stream()
                .map(StoreNotification::notificationId).toList(), "a notification without a purchase is complete as it is");
    }
}

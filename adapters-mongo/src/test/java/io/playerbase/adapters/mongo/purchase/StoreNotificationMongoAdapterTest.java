package io.playerbase.adapters.mongo.purchase;

import com.mongodb.client.MongoDatabase;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationLog;
import io.playerbase.domain.purchase.StoreNotificationLogContract;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link StoreNotificationMongoAdapter}: the port's contract, and what {@code store_notifications} keeps
 * for support: one document per notification, every delivery counted, type and outcome.
 */
abstract class StoreNotificationMongoAdapterTest extends StoreNotificationLogContract {

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
    void everyDeliveryIsCountedOnTheOneDocument() {
        StoreNotification n = notification(Store.APP_STORE, "uuid-1");
        log.receive(n, NOW);
        log.receive(n, NOW);
        log.processed(Store.APP_STORE, "uuid-1", "ignored:unknown-type", NOW);
        log.receive(n, NOW);

        var notifications = context.getBean(MongoDatabase.class).getCollection("store_notifications");
        assertEquals(1, notifications.countDocuments());
        Document stored = notifications.find().first();
        assertEquals(3, stored.getInteger("deliveries"));
        assertEquals("ignored:unknown-type", stored.getString("outcome"));
        assertEquals("SOMETHING_NEW", stored.getString("type"));
    }
}

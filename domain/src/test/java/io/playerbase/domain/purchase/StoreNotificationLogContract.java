package io.playerbase.domain.purchase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link StoreNotificationLog} does: run on the in-memory fake, the embedded store and Testcontainers. */
public abstract class StoreNotificationLogContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    protected StoreNotificationLog log;

    /** An empty log, once per test. */
    protected abstract StoreNotificationLog createLog();

    /** Releases what {@link #createLog()} started. */
    protected void closeLog() {
    }

    @BeforeEach
    void startLog() {
        log = createLog();
    }

    @AfterEach
    void stopLog() {
        closeLog();
    }

    protected static StoreNotification notification(Store store, String id) {
        return new StoreNotification(store, id, "SOMETHING_NEW", null, NOW, "Sandbox", null, null,
                "{\"notificationType\":\"SOMETHING_NEW\"}");
    }

    @Test
    void aNotificationIsProcessedOnceButReceivedUntilThen() {
        StoreNotification n = notification(Store.APP_STORE, "uuid-1");
        assertTrue(log.receive(n, NOW));
        assertTrue(log.receive(n, NOW), "received but not processed (a crash): process it again");
        log.processed(Store.APP_STORE, "uuid-1", "ignored:unknown-type", NOW);
        assertFalse(log.receive(n, NOW));
        assertFalse(log.receive(n, NOW.plusSeconds(60)), "a redelivery later too");
    }

    @Test
    void notificationIdsAreTheStoresOwn() {
        log.receive(notification(Store.APP_STORE, "same-id"), NOW);
        log.processed(Store.APP_STORE, "same-id", "refunded", NOW);
        assertTrue(log.receive(notification(Store.GOOGLE_PLAY, "same-id"), NOW), "another store's notification");
        assertTrue(log.receive(notification(Store.APP_STORE, "other-id"), NOW));
    }
}

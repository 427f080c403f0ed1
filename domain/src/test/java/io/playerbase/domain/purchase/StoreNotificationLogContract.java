package io.playerbase.domain.purchase;

import io.playerbase.domain.testing.PurchaseFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.playerbase.domain.testing.PurchaseFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link StoreNotificationLog} does: run on the in-memory fake, the embedded store and Testcontainers. */
public abstract class StoreNotificationLogContract {

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

    private static StoreNotification notification(Store store, String id, String type, Instant sentAt, VerifiedPurchase purchase) {
        return new StoreNotification(store, id, type, null, sentAt, "Sandbox", purchase, null, "{\"id\":\"" + id + "\"}");
    }

    private static VerifiedPurchase purchase(Store store, String transactionId) {
        return PurchaseFixtures.verified(store, transactionId, "com.example.coins500", ProductKind.CREDITS_PACK);
    }

    @Test
    void aNotificationIsProcessedOnceAndAReceivedButUnprocessedOneAgain() {
        StoreNotification n = notification(Store.APP_STORE, "uuid-1", "SOMETHING_NEW", NOW, null);
        assertTrue(log.receive(n, NOW));
        assertTrue(log.receive(n, NOW.plusSeconds(1)), "received but never processed (a crash): process it again");
        log.processed(Store.APP_STORE, "uuid-1", "ignored:unknown-type", NOW.plusSeconds(2));
        assertFalse(log.receive(n, NOW.plusSeconds(3)));
        assertFalse(log.receive(n, NOW.plusSeconds(60)), "a redelivery later too");
    }

    @Test
    void theSameIdFromAnotherStoreIsAnotherNotification() {
        log.receive(notification(Store.APP_STORE, "same-id", "TEST", NOW, null), NOW);
        log.processed(Store.APP_STORE, "same-id", "test", NOW);
        assertTrue(log.receive(notification(Store.GOOGLE_PLAY, "same-id", "TEST", NOW, null), NOW), "another store's notification");
        assertTrue(log.receive(notification(Store.APP_STORE, "other-id", "TEST", NOW, null), NOW));
    }

    @Test
    void theLatestWordOnAPurchaseIsByTheStoresTimeNotByArrival() {
        VerifiedPurchase bought = purchase(Store.APP_STORE, "2000001");
        Instant refundedAt = NOW.plusSeconds(100);
        Instant reversedAt = NOW.plusSeconds(200);
        assertEquals(Optional.empty(), log.latestAbout(Store.APP_STORE, "2000001"));

        log.receive(notification(Store.APP_STORE, "uuid-reversed", "REFUND_REVERSED", reversedAt, bought), NOW);
        log.receive(notification(Store.APP_STORE, "uuid-refund", "REFUND", refundedAt,
                bought.withState(VerifiedPurchase.StoreState.REVOKED, refundedAt)), NOW.plusSeconds(1));
        log.receive(notification(Store.APP_STORE, "uuid-test", "TEST", NOW.plusSeconds(300), null), NOW.plusSeconds(2));

        StoreNotificationLog.PurchaseEvent latest = log.latestAbout(Store.APP_STORE, "2000001").orElseThrow();
        assertEquals(new StoreNotificationLog.PurchaseEvent("uuid-reversed", "REFUND_REVERSED", reversedAt,
                VerifiedPurchase.StoreState.PURCHASED, null), latest);

        log.receive(notification(Store.APP_STORE, "uuid-refund-2", "REFUND", NOW.plusSeconds(400),
                bought.withState(VerifiedPurchase.StoreState.REVOKED, NOW.plusSeconds(390))), NOW.plusSeconds(3));
        assertEquals(new StoreNotificationLog.PurchaseEvent("uuid-refund-2", "REFUND", NOW.plusSeconds(400),
                VerifiedPurchase.StoreState.REVOKED, NOW.plusSeconds(390)), log.latestAbout(Store.APP_STORE, "2000001").orElseThrow());
    }

    @Test
    void notificationsReceivedButNeverProcessedAreListedOldestFirstAsTheyWereReceived() {
        VerifiedPurchase revoked = purchase(Store.APP_STORE, "2000002")
                .withState(VerifiedPurchase.StoreState.REVOKED, NOW.minusSeconds(5));
        StoreNotification refund = new StoreNotification(Store.APP_STORE, "uuid-crashed", "REFUND", "SUBTYPE", NOW,
                "Sandbox", revoked, "{\"autoRenewStatus\":0}", "{\"notificationType\":\"REFUND\"}");
        StoreNotification test = notification(Store.GOOGLE_PLAY, "msg-crashed", "TEST", NOW, null);
        StoreNotification done = notification(Store.APP_STORE, "uuid-done", "TEST", NOW, null);
        StoreNotification recent = notification(Store.APP_STORE, "uuid-recent", "TEST", NOW, null);
        log.receive(test, NOW.plusSeconds(2));
        log.receive(refund, NOW.plusSeconds(1));
        log.receive(refund, NOW.plusSeconds(5));
        log.receive(done, NOW);
        log.processed(Store.APP_STORE, "uuid-done", "test", NOW);
        log.receive(recent, NOW.plusSeconds(60));

        assertEquals(List.of(refund, test), log.unprocessed(NOW.plusSeconds(30), 10),
                "by first delivery; the processed one and the one received after the bound are not listed");
        assertEquals(List.of(refund), log.unprocessed(NOW.plusSeconds(30), 1));
        assertEquals(List.of(), log.unprocessed(NOW.plusSeconds(1), 10), "received at the bound is not before it");
        log.processed(Store.APP_STORE, "uuid-crashed", "refunded", NOW.plusSeconds(40));
        assertEquals(List.of(test), log.unprocessed(NOW.plusSeconds(30), 10));
    }

    @Test
    void theLatestWordIsPerStoreAndTransaction() {
        log.receive(notification(Store.GOOGLE_PLAY, "msg-1", "VOIDED_PURCHASE", NOW,
                purchase(Store.GOOGLE_PLAY, "GPA.1").withState(VerifiedPurchase.StoreState.REVOKED, NOW)), NOW);
        assertTrue(log.latestAbout(Store.APP_STORE, "GPA.1").isEmpty());
        assertTrue(log.latestAbout(Store.GOOGLE_PLAY, "GPA.2").isEmpty());
        assertEquals(VerifiedPurchase.StoreState.REVOKED, log.latestAbout(Store.GOOGLE_PLAY, "GPA.1").orElseThrow().state());
    }
}

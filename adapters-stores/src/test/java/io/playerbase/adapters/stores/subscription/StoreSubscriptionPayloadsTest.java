package io.playerbase.adapters.stores.subscription;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerbase.adapters.stores.appstore.AppStore;
import io.playerbase.adapters.stores.appstore.AppStoreSettings;
import io.playerbase.adapters.stores.appstore.AppStoreTestSigner;
import io.playerbase.adapters.stores.googleplay.GooglePlay;
import io.playerbase.adapters.stores.googleplay.GooglePlayFake;
import io.playerbase.adapters.stores.googleplay.GooglePlaySettings;
import io.playerbase.adapters.stores.googleplay.MutableClock;
import io.playerbase.adapters.stores.googleplay.ServiceAccountKey;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.subscription.AppStoreFacts;
import io.playerbase.domain.subscription.GooglePlayFacts;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscription facts read from payloads the real verifiers checked: App Store signed data, Google's subscriptionsv2. */
class StoreSubscriptionPayloadsTest {

    private static final Instant SIGNED = AppStoreTestSigner.SIGNED_AT;
    private final StoreSubscriptionPayloads payloads = new StoreSubscriptionPayloads();
    private final AppStoreTestSigner apple = AppStoreTestSigner.appleTestChain();

    private static AppStore appStore() {
        List<X509Certificate> roots = new ArrayList<>(AppStoreSettings.appleRootAnd(List.of()));
        roots.add(AppStoreTestSigner.appleTestRoot());
        return new AppStore(new AppStoreSettings(AppStoreTestSigner.BUNDLE_ID, Set.of("Sandbox"), null, roots),
                Clock.fixed(SIGNED, ZoneOffset.UTC));
    }

    private static Map<String, Object> subscriptionTransaction(String transactionId) {
        Map<String, Object> tx = new HashMap<>(AppStoreTestSigner.transaction(transactionId, "com.example.premium.monthly"));
        tx.put("originalTransactionId", "2000000001");
        tx.put("type", "Auto-Renewable Subscription");
        tx.put("expiresDate", SIGNED.minusSeconds(30).toEpochMilli());
        tx.put("originalPurchaseDate", SIGNED.minus(Duration.ofDays(90)).toEpochMilli());
        return tx;
    }

    @Test
    void anAppStoreNotificationsTransactionRenewalInfoAndStatusAreRead() {
        Map<String, Object> renewal = new HashMap<>();
        renewal.put("autoRenewStatus", 1);
        renewal.put("autoRenewProductId", "com.example.premium.yearly");
        renewal.put("gracePeriodExpiresDate", SIGNED.plus(Duration.ofDays(16)).toEpochMilli());
        renewal.put("isInBillingRetryPeriod", true);
        renewal.put("environment", "Sandbox");
        renewal.put("signedDate", SIGNED.toEpochMilli());
        Map<String, Object> data = Map.of("signedTransactionInfo", apple.sign(subscriptionTransaction("2000000003")),
                "signedRenewalInfo", apple.sign(renewal), "status", 4);
        String body = AppStoreTestSigner.notificationBody(apple.sign(AppStoreTestSigner.notification("uuid-1",
                "DID_FAIL_TO_RENEW", "GRACE_PERIOD", data)));
        StoreNotification n = appStore().notificationVerifier().verify(new NotificationDelivery(Store.APP_STORE, null, body));

        AppStoreFacts facts = payloads.appStore(n.purchase().rawPayload(), n.renewalInfo(), n.rawPayload());
        assertEquals(4, facts.status());
        assertEquals("2000000003", facts.transactionId());
        assertEquals("2000000001", facts.originalTransactionId());
        assertEquals("com.example.premium.monthly", facts.productId());
        assertTrue(facts.autoRenewable());
        assertEquals(SIGNED.minus(Duration.ofDays(90)), facts.originalPurchaseDate());
        assertEquals(SIGNED.minusSeconds(30), facts.expiresDate());
        assertEquals(Boolean.TRUE, facts.autoRenew());
        assertEquals("com.example.premium.yearly", facts.autoRenewProductId());
        assertEquals(SIGNED.plus(Duration.ofDays(16)), facts.gracePeriodExpiresDate());
        assertEquals(Boolean.TRUE, facts.inBillingRetry());
        assertTrue(facts.paid());
        assertEquals("Sandbox", facts.environment());
        assertEquals(SIGNED, facts.signedDate());
        assertNull(facts.revocationDate());
    }

    @Test
    void familySharingFreeTrialsAndRefundsAreRecognised() {
        Map<String, Object> shared = subscriptionTransaction("2000000004");
        shared.put("inAppOwnershipType", "FAMILY_SHARED");
        Map<String, Object> trial = subscriptionTransaction("2000000005");
        trial.put("offerDiscountType", "FREE_TRIAL");
        trial.put("price", 0);
        Map<String, Object> refunded = subscriptionTransaction("2000000006");
        refunded.put("revocationDate", SIGNED.toEpochMilli());
        refunded.put("revocationReason", 1);
        Map<String, Object> once = subscriptionTransaction("2000000007");
        once.put("type", "Non-Renewing Subscription");
        once.remove("expiresDate");

        assertFalse(read(shared).paid());
        assertFalse(read(trial).paid());
        AppStoreFacts refund = read(refunded);
        assertEquals(SIGNED, refund.revocationDate());
        assertEquals(1, refund.revocationReason());
        AppStoreFacts nonRenewing = read(once);
        assertFalse(nonRenewing.autoRenewable());
        assertNull(nonRenewing.expiresDate());
        assertNull(nonRenewing.status());
        assertNull(nonRenewing.autoRenew(), "a client's transaction carries no renewal info");
    }

    private AppStoreFacts read(Map<String, Object> transaction) {
        VerifiedPurchase verified = appStore().receiptVerifier().verify(new PurchaseProof.AppStoreSignedTransaction(apple.sign(transaction)));
        return payloads.appStore(verified.rawPayload(), null, null);
    }

    @Test
    void googlePlaysSubscriptionsv2AnswerIsReadAndChainsAreFollowed() {
        try (GooglePlayFake fake = GooglePlayFake.start()) {
            GooglePlay google = new GooglePlay(new GooglePlaySettings(GooglePlayFake.PACKAGE,
                    ServiceAccountKey.fromJson(fake.serviceAccountKeyJson()), fake.baseUrl(), null, null, null, fake.jwksUrl(),
                    Duration.ofSeconds(5)), new MutableClock(Instant.now()));
            Instant expiry = Instant.parse("2027-02-01T10:00:00Z");
            ObjectNode first = fake.addSubscription("premium_monthly", "tok-1", "GPA.1..0", expiry);
            ObjectNode upgraded = fake.addSubscription("premium_monthly", "tok-2", "GPA.2..0", expiry);
            upgraded.put("linkedPurchaseToken", "tok-1");
            upgraded.put("subscriptionState", "SUBSCRIPTION_STATE_PAUSED");
            upgraded.putObject("pausedStateContext").put("autoResumeTime", "2027-03-01T10:00:00Z");
            upgraded.putObject("testPurchase");
            ObjectNode item = (ObjectNode) upgraded.get("lineItems").get(0);
            item.putObject("offerPhase").putObject("freeTrial");
            assertEquals("SUBSCRIPTION_STATE_ACTIVE", first.get("subscriptionState").asText());

            VerifiedPurchase verified = google.receiptVerifier().verify(new PurchaseProof.GooglePlayToken("premium_monthly", "tok-2",
                    ProductKind.SUBSCRIPTION));
            GooglePlayFacts facts = payloads.googlePlay(verified.rawPayload());
            assertEquals("tok-2", facts.purchaseToken());
            assertEquals("tok-1", facts.linkedPurchaseToken());
            assertEquals("SUBSCRIPTION_STATE_PAUSED", facts.state());
            assertEquals("premium_monthly", facts.productId());
            assertEquals(expiry, facts.expiryTime());
            assertEquals(Boolean.TRUE, facts.autoRenew());
            assertEquals("GPA.2..0", facts.latestOrderId());
            assertFalse(facts.paid(), "a free trial");
            assertEquals(Instant.parse("2027-03-01T10:00:00Z"), facts.autoResumeTime());
            assertEquals("Test", facts.environment());
            assertEquals(Instant.parse("2026-11-30T10:00:00Z"), facts.startTime());

            assertEquals(Optional.of("tok-1"), google.tokenLinks().linkedPurchaseToken("tok-2"));
            assertEquals(Optional.empty(), google.tokenLinks().linkedPurchaseToken("tok-1"));
            assertEquals(Optional.empty(), google.tokenLinks().linkedPurchaseToken("never-issued"));
        }
    }
}

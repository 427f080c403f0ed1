package io.playerbase.adapters.stores.googleplay;

import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.playerbase.adapters.stores.googleplay.GooglePlayFake.PACKAGE;
import static io.playerbase.adapters.stores.googleplay.GooglePlayFake.developerNotification;
import static io.playerbase.adapters.stores.googleplay.GooglePlayFake.pushBody;
import static io.playerbase.adapters.stores.googleplay.GooglePlayFake.pushClaims;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GooglePlayVerifiersTest {

    private static final String ORDER = "GPA.3345-1234-5678-90123";
    private static final Instant EVENT = Instant.parse("2026-12-01T09:59:58Z");

    private GooglePlayFake fake;
    private MutableClock clock;
    private ReceiptVerifier receipts;
    private StoreNotificationVerifier notifications;

    @BeforeEach
    void start() {
        fake = GooglePlayFake.start();
        clock = new MutableClock(Instant.now());
        GooglePlay googlePlay = new GooglePlay(settings(fake.serviceAccountKeyJson()), clock);
        receipts = googlePlay.receiptVerifier();
        notifications = googlePlay.notificationVerifier().orElseThrow();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private GooglePlaySettings settings(String keyJson) {
        return new GooglePlaySettings(PACKAGE, ServiceAccountKey.fromJson(keyJson), fake.baseUrl(), null,
                GooglePlayFake.PUSH_AUDIENCE, GooglePlayFake.PUSH_EMAIL, fake.jwksUrl(), Duration.ofSeconds(5));
    }

    private VerifiedPurchase verify(String sku, String token) {
        return receipts.verify(new PurchaseProof.GooglePlayToken(sku, token, ProductKind.CREDITS_PACK));
    }

    private static void refused(Class<? extends DomainException> kind, String code, Executable call) {
        DomainException refusal = assertThrows(DomainException.class, call);
        assertInstanceOf(kind, refusal);
        assertEquals(code, refusal.code(), refusal.getMessage());
    }

    @Nested
    class OneTimeProducts {

        @Test
        void aPaidPurchaseIsVerified() {
            fake.addProduct("coins_500", "tok-1", ORDER).put("obfuscatedExternalAccountId", "acct-42");

            VerifiedPurchase purchase = verify("coins_500", "tok-1");

            assertEquals(Store.GOOGLE_PLAY, purchase.store());
            assertEquals(ORDER, purchase.storeTransactionId());
            assertEquals(ORDER, purchase.originalTransactionId());
            assertEquals("coins_500", purchase.sku());
            assertEquals(ProductKind.CREDITS_PACK, purchase.kind());
            assertEquals(1, purchase.quantity());
            assertEquals(Instant.parse("2026-11-30T10:00:00Z"), purchase.purchasedAt());
            assertEquals("Production", purchase.environment());
            assertEquals(VerifiedPurchase.StoreState.PURCHASED, purchase.state());
            assertEquals("acct-42", purchase.accountHint());
            assertTrue(purchase.rawPayload().contains("\"purchaseToken\":\"tok-1\""), purchase.rawPayload());
            assertTrue(purchase.rawPayload().contains("\"orderId\":\"" + ORDER + "\""), purchase.rawPayload());
        }

        @Test
        void eachPurchaseStateIsReported() {
            fake.addProduct("coins_500", "pending", "GPA.1").put("purchaseState", 2);
            fake.addProduct("coins_500", "canceled", "GPA.2").put("purchaseState", 1);
            fake.addProduct("coins_500", "tester", "GPA.3").put("purchaseType", 0);
            fake.addProduct("coins_500", "no-order", "").remove("orderId");

            assertEquals(VerifiedPurchase.StoreState.PENDING, verify("coins_500", "pending").state());
            assertEquals(VerifiedPurchase.StoreState.REVOKED, verify("coins_500", "canceled").state());
            assertEquals("Test", verify("coins_500", "tester").environment());
            assertEquals("no-order", verify("coins_500", "no-order").storeTransactionId());
        }

        @Test
        void aConsumedPurchaseIsReportedConsumedForTheClaimToJudge() {
            fake.addProduct("coins_500", "used", ORDER).put("consumptionState", 1);
            fake.addProduct("coins_500", "used-and-refunded", "GPA.5").put("consumptionState", 1).put("purchaseState", 1);
            assertEquals(VerifiedPurchase.StoreState.CONSUMED, verify("coins_500", "used").state());
            assertEquals(ORDER, verify("coins_500", "used").storeTransactionId());
            assertEquals(VerifiedPurchase.StoreState.REVOKED, verify("coins_500", "used-and-refunded").state());
        }

        @Test
        void anUnknownTokenOrAnotherProductIsRefused() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            refused(RuleViolation.class, "receipt-invalid", () -> verify("coins_500", "never-issued"));
            refused(RuleViolation.class, "receipt-invalid", () -> verify("coins_5000", "tok-1"));
            fake.addProduct("coins_5000", "tok-2", "GPA.9").put("productId", "coins_500");
            refused(RuleViolation.class, "receipt-invalid", () -> verify("coins_5000", "tok-2"));
        }

        @Test
        void malformedIdsAreRefusedBeforeAnyCall() {
            refused(InvalidValue.class, "receipt-malformed", () -> verify("coins_500", "tok/../../other"));
            refused(InvalidValue.class, "receipt-malformed", () -> verify("coins 500", "tok-1"));
            refused(InvalidValue.class, "receipt-malformed", () -> verify("coins_500", "x".repeat(4097)));
            refused(InvalidValue.class, "receipt-malformed", () -> verify("coins_500", ""));
            assertEquals(0, fake.apiCalls());
        }

        @Test
        void theAccessTokenIsReusedUntilItExpires() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            verify("coins_500", "tok-1");
            verify("coins_500", "tok-1");
            assertEquals(1, fake.tokenGrants());

            clock.advance(Duration.ofMinutes(59).plusSeconds(1));
            verify("coins_500", "tok-1");
            assertEquals(2, fake.tokenGrants());
        }

        @Test
        void aRefusedAccessTokenIsRenewedOnce() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            verify("coins_500", "tok-1");
            fake.revokeAccessTokens();

            assertEquals(ORDER, verify("coins_500", "tok-1").storeTransactionId());
            assertEquals(2, fake.tokenGrants());
        }

        @Test
        void googleFailingIsUnavailableNotARefusal() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            fake.failNextApiCalls(503, 1);
            refused(Unavailable.class, "store-unavailable", () -> verify("coins_500", "tok-1"));
            fake.failNextApiCalls(403, 1);
            refused(Unavailable.class, "store-unavailable", () -> verify("coins_500", "tok-1"));
            assertEquals(ORDER, verify("coins_500", "tok-1").storeTransactionId());
        }

        @Test
        void aKeyGoogleDoesNotKnowIsUnavailable() {
            String otherKey;
            try (GooglePlayFake other = GooglePlayFake.startWithOwnKeys()) {
                otherKey = other.serviceAccountKeyJson();
            }
            ReceiptVerifier wrongKey = new GooglePlay(new GooglePlaySettings(PACKAGE, ServiceAccountKey.fromJson(otherKey), fake.baseUrl(),
                    fake.tokenUrl(), null, null, fake.jwksUrl(), Duration.ofSeconds(5)), clock).receiptVerifier();
            fake.addProduct("coins_500", "tok-1", ORDER);
            refused(Unavailable.class, "store-unavailable",
                    () -> wrongKey.verify(new PurchaseProof.GooglePlayToken("coins_500", "tok-1", ProductKind.CREDITS_PACK)));
            assertEquals(0, fake.tokenGrants());
        }

        @Test
        void acknowledgingIsDoneOnceAndSafeToRepeat() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            VerifiedPurchase purchase = verify("coins_500", "tok-1");

            receipts.acknowledge(purchase);
            assertDoesNotThrow(() -> receipts.acknowledge(purchase));

            assertEquals(List.of("product:coins_500:tok-1"), fake.acknowledgements());
        }

        @Test
        void anAcknowledgementGoogleCannotTakeIsRetriedLater() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            VerifiedPurchase purchase = verify("coins_500", "tok-1");
            fake.failNextApiCalls(500, 1);
            refused(Unavailable.class, "store-unavailable", () -> receipts.acknowledge(purchase));
            receipts.acknowledge(purchase);
            assertEquals(List.of("product:coins_500:tok-1"), fake.acknowledgements());
        }
    }

    @Nested
    class Subscriptions {

        @Test
        void anActiveSubscriptionIsVerifiedAndAcknowledged() {
            Instant expiry = Instant.parse("2026-12-30T10:00:00Z");
            fake.addSubscription("premium_monthly", "sub-tok", "GPA.7777-0", expiry).put("linkedPurchaseToken", "older-tok");

            VerifiedPurchase purchase = receipts.verify(new PurchaseProof.GooglePlayToken("premium_monthly", "sub-tok", ProductKind.SUBSCRIPTION));

            assertEquals(ProductKind.SUBSCRIPTION, purchase.kind());
            assertEquals("GPA.7777-0", purchase.storeTransactionId());
            assertEquals("sub-tok", purchase.originalTransactionId());
            assertEquals(expiry, purchase.expiresAt());
            assertEquals(Boolean.TRUE, purchase.autoRenew());
            assertEquals("older-tok", purchase.linkedPurchaseToken());
            assertEquals(VerifiedPurchase.StoreState.PURCHASED, purchase.state());

            receipts.acknowledge(purchase);
            receipts.acknowledge(purchase);
            assertEquals(List.of("subscription:premium_monthly:sub-tok"), fake.acknowledgements());
        }

        @Test
        void aPendingSubscriptionOrAnotherProductIsNotGranted() {
            fake.addSubscription("premium_monthly", "pending-tok", "GPA.1", Instant.parse("2026-12-30T10:00:00Z"))
                    .put("subscriptionState", "SUBSCRIPTION_STATE_PENDING");
            assertEquals(VerifiedPurchase.StoreState.PENDING, receipts.verify(
                    new PurchaseProof.GooglePlayToken("premium_monthly", "pending-tok", ProductKind.SUBSCRIPTION)).state());
            refused(RuleViolation.class, "receipt-invalid", () -> receipts.verify(
                    new PurchaseProof.GooglePlayToken("premium_yearly", "pending-tok", ProductKind.SUBSCRIPTION)));
        }
    }

    @Nested
    class RealTimeDeveloperNotifications {

        private StoreNotification receive(String authorization, String body) {
            return notifications.verify(new NotificationDelivery(Store.GOOGLE_PLAY, authorization, body));
        }

        private String genuine() {
            return fake.pushAuthorization(pushClaims(clock.instant()));
        }

        @Test
        void aOneTimePurchaseIsReReadFromTheApi() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            Map<String, Object> data = developerNotification(EVENT, "oneTimeProductNotification",
                    Map.of("version", "1.0", "notificationType", 1, "purchaseToken", "tok-1", "sku", "coins_500"));

            StoreNotification notification = receive(genuine(), pushBody("msg-1", data));

            assertEquals("msg-1", notification.notificationId());
            assertEquals("ONE_TIME_PRODUCT_PURCHASED", notification.type());
            assertEquals(EVENT, notification.sentAt());
            assertEquals(ORDER, notification.purchase().storeTransactionId());
            assertEquals(VerifiedPurchase.StoreState.PURCHASED, notification.purchase().state());
            assertEquals(GooglePlayFake.json(data), notification.rawPayload());
        }

        @Test
        void aVoidedOneTimePurchaseIsRevokedAtTheEventForItsOrder() {
            fake.addProduct("coins_500", "tok-1", ORDER);
            Map<String, Object> data = developerNotification(EVENT, "voidedPurchaseNotification",
                    Map.of("purchaseToken", "tok-1", "orderId", ORDER, "productType", 2, "refundType", 1));

            StoreNotification notification = receive(genuine(), pushBody("msg-2", data));

            assertEquals("VOIDED_PURCHASE", notification.type());
            VerifiedPurchase purchase = notification.purchase();
            assertEquals("coins_500", purchase.sku());
            assertEquals(ORDER, purchase.storeTransactionId());
            assertEquals(VerifiedPurchase.StoreState.REVOKED, purchase.state());
            assertEquals(EVENT, purchase.revokedAt());
        }

        @Test
        void aVoidedSubscriptionRenewalNamesTheVoidedOrder() {
            fake.addSubscription("premium_monthly", "sub-tok", "GPA.7777-0..1", Instant.parse("2026-12-30T10:00:00Z"));
            Map<String, Object> data = developerNotification(EVENT, "voidedPurchaseNotification",
                    Map.of("purchaseToken", "sub-tok", "orderId", "GPA.7777-0", "productType", 1, "refundType", 1));

            VerifiedPurchase purchase = receive(genuine(), pushBody("msg-3", data)).purchase();

            assertEquals("GPA.7777-0", purchase.storeTransactionId());
            assertEquals("premium_monthly", purchase.sku());
            assertEquals(VerifiedPurchase.StoreState.REVOKED, purchase.state());
        }

        @Test
        void aVoidedPurchaseGoogleForgotCarriesNoPurchase() {
            Map<String, Object> data = developerNotification(EVENT, "voidedPurchaseNotification",
                    Map.of("purchaseToken", "gone", "orderId", ORDER, "productType", 2, "refundType", 1));
            StoreNotification notification = receive(genuine(), pushBody("msg-4", data));
            assertEquals("VOIDED_PURCHASE", notification.type());
            assertNull(notification.purchase());
            assertTrue(notification.rawPayload().contains(ORDER));
        }

        @Test
        void subscriptionEventsAreNamedAndARevocationRevokes() {
            fake.addSubscription("premium_monthly", "sub-tok", "GPA.7777-0", Instant.parse("2026-12-30T10:00:00Z"));
            Map<String, Object> renewed = developerNotification(EVENT, "subscriptionNotification",
                    Map.of("version", "1.0", "notificationType", 2, "purchaseToken", "sub-tok", "subscriptionId", "premium_monthly"));
            Map<String, Object> revoked = developerNotification(EVENT, "subscriptionNotification",
                    Map.of("version", "1.0", "notificationType", 12, "purchaseToken", "sub-tok", "subscriptionId", "premium_monthly"));

            StoreNotification renewal = receive(genuine(), pushBody("msg-5", renewed));
            StoreNotification revocation = receive(genuine(), pushBody("msg-6", revoked));

            assertEquals("SUBSCRIPTION_RENEWED", renewal.type());
            assertEquals(VerifiedPurchase.StoreState.PURCHASED, renewal.purchase().state());
            assertEquals("SUBSCRIPTION_REVOKED", revocation.type());
            assertEquals(VerifiedPurchase.StoreState.REVOKED, revocation.purchase().state());
            assertEquals(EVENT, revocation.purchase().revokedAt());
        }

        @Test
        void testAndUnknownNotificationsCarryNoPurchase() {
            StoreNotification test = receive(genuine(), pushBody("msg-7", developerNotification(EVENT, "testNotification", Map.of("version", "1.0"))));
            assertEquals("TEST", test.type());
            assertNull(test.purchase());
            StoreNotification unknown = receive(genuine(), pushBody("msg-8", developerNotification(EVENT, "somethingNew", Map.of())));
            assertEquals("UNKNOWN", unknown.type());
        }

        @Test
        void anotherPackageIsRefused() {
            Map<String, Object> data = developerNotification(EVENT, "testNotification", Map.of("version", "1.0"));
            data.put("packageName", "com.other.game");
            refused(RuleViolation.class, "notification-wrong-app", () -> receive(genuine(), pushBody("msg-9", data)));
        }

        @Test
        void unreadableBodiesAreRefused() {
            refused(InvalidValue.class, "notification-malformed", () -> receive(genuine(), "not json"));
            refused(InvalidValue.class, "notification-malformed", () -> receive(genuine(), "{\"message\":{\"messageId\":\"m\",\"data\":\"%%%\"}}"));
            refused(InvalidValue.class, "notification-malformed", () -> receive(genuine(), "{\"message\":{\"data\":\"e30=\"}}"));
            refused(InvalidValue.class, "notification-malformed", () -> receive(genuine(), "{\"message\":{\"messageId\":\"m\",\"data\":\"e30=\"}}"));
        }

        @Test
        void everyBadPushTokenIsRefusedAlike() {
            String body = pushBody("msg-10", developerNotification(EVENT, "testNotification", Map.of("version", "1.0")));
            Instant now = clock.instant();
            List<String> bad = List.of(
                    "",
                    "Basic dXNlcjpwYXNz",
                    "Bearer not-a-jwt",
                    fake.pushAuthorization(with(pushClaims(now), "iss", "https://evil.example")),
                    fake.pushAuthorization(with(pushClaims(now), "aud", "https://other.example/push")),
                    fake.pushAuthorization(with(pushClaims(now), "email", "someone@evil.example")),
                    fake.pushAuthorization(with(pushClaims(now), "email_verified", false)),
                    fake.pushAuthorization(with(pushClaims(now), "exp", now.minusSeconds(120).getEpochSecond())),
                    fake.pushAuthorization(with(pushClaims(now), "iat", now.plusSeconds(600).getEpochSecond())),
                    GooglePlayFake.forgedPushAuthorization(pushClaims(now)),
                    noneAlgorithm(pushClaims(now)));
            for (String authorization : bad) {
                refused(AuthenticationFailed.class, "authentication-failed", () -> receive(authorization, body));
            }
            refused(AuthenticationFailed.class, "authentication-failed", () -> receive(null, body));
            assertEquals("TEST", receive(genuine(), body).type());
        }

        @Test
        void signingKeysAreCachedAndRefetchedWhenStale() {
            String body = pushBody("msg-11", developerNotification(EVENT, "testNotification", Map.of("version", "1.0")));
            receive(genuine(), body);
            receive(genuine(), body);
            // A forged key id does not make us refetch more than once a minute.
            for (int i = 0; i < 5; i++) {
                String forged = fake.pushAuthorizationWithKeyId("unknown-" + i, pushClaims(clock.instant()));
                assertThrows(AuthenticationFailed.class, () -> receive(forged, body));
            }
            assertEquals(1, fake.jwksFetches());

            clock.advance(Duration.ofMinutes(61));
            receive(genuine(), body);
            assertEquals(2, fake.jwksFetches());
        }

        private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
            claims.put(name, value);
            return claims;
        }

        private static String noneAlgorithm(Map<String, Object> claims) {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return "Bearer " + encoder.encodeToString("{\"alg\":\"none\",\"kid\":\"push-key-1\"}".getBytes())
                    + "." + encoder.encodeToString(GooglePlayFake.json(claims).getBytes()) + ".";
        }
    }
}

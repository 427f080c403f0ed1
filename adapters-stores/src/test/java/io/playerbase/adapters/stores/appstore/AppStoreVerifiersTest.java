package io.playerbase.adapters.stores.appstore;

import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.StoreNotification;
import io.playerbase.domain.purchase.StoreNotificationVerifier;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.APP_APPLE_ID;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.BUNDLE_ID;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.SIGNED_AT;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.appleTestChain;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.chainOf;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.encode;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.json;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.notification;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.notificationBody;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.resourceText;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.rogueChain;
import static io.playerbase.adapters.stores.appstore.AppStoreTestSigner.transaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppStoreVerifiersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
    private static final Set<String> SANDBOX = Set.of("Sandbox");

    /** Apple's test root plus the bundled Apple Root CA G3, as a deployment that configured the test root would have. */
    private static AppStore appStore(String bundleId, Set<String> environments, Long appAppleId) {
        List<X509Certificate> roots = new ArrayList<>(AppStoreSettings.appleRootAnd(List.of()));
        roots.add(AppStoreTestSigner.appleTestRoot());
        return new AppStore(new AppStoreSettings(bundleId, environments, appAppleId, roots), CLOCK);
    }

    private static final ReceiptVerifier RECEIPTS = appStore(BUNDLE_ID, SANDBOX, null).receiptVerifier();
    private static final StoreNotificationVerifier NOTIFICATIONS = appStore(BUNDLE_ID, SANDBOX, null).notificationVerifier();

    private static VerifiedPurchase verify(String signedTransaction) {
        return RECEIPTS.verify(new PurchaseProof.AppStoreSignedTransaction(signedTransaction));
    }

    private static StoreNotification receive(StoreNotificationVerifier verifier, String body) {
        return verifier.verify(new NotificationDelivery(Store.APP_STORE, null, body));
    }

    private static void refused(Class<? extends DomainException> kind, String code, String detailPart, Executable call) {
        DomainException refusal = assertThrows(DomainException.class, call);
        assertInstanceOf(kind, refusal);
        assertEquals(code, refusal.code(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains(detailPart), refusal.getMessage());
    }

    @Nested
    class ApplesOwnSignedData {

        @Test
        void theTestNotificationVerifiesAndDecodes() {
            StoreNotification notification = receive(NOTIFICATIONS, notificationBody(resourceText("apple/testNotification")));

            assertEquals("TEST", notification.type());
            assertEquals("9ad56bd2-0bc6-42e0-af24-fd996d87a1e6", notification.notificationId());
            assertEquals(Instant.ofEpochMilli(1681314324000L), notification.sentAt());
            assertEquals("Sandbox", notification.environment());
            assertNull(notification.purchase());
            assertNull(notification.subtype());
            assertTrue(notification.rawPayload().contains("\"notificationType\":\"TEST\""));
        }

        @Test
        void aNotificationForAnotherBundleIsRefused() {
            refused(RuleViolation.class, "notification-wrong-app", "com.example.wrong",
                    () -> receive(NOTIFICATIONS, notificationBody(resourceText("apple/wrongBundleId"))));
        }

        @Test
        void aSandboxNotificationIsRefusedWhereOnlyProductionIsAccepted() {
            StoreNotificationVerifier production = appStore(BUNDLE_ID, Set.of("Production"), APP_APPLE_ID).notificationVerifier();
            refused(RuleViolation.class, "notification-wrong-environment", "Sandbox",
                    () -> receive(production, notificationBody(resourceText("apple/testNotification"))));
        }

        @Test
        void aHeaderWithoutX5cIsRefused() {
            refused(RuleViolation.class, "notification-invalid", "x5c",
                    () -> receive(NOTIFICATIONS, notificationBody(resourceText("apple/missingX5CHeaderClaim"))));
        }

        @Test
        void theTestTransactionPassesChainAndSignatureButLacksATransactionId() {
            refused(InvalidValue.class, "receipt-malformed", "transactionId is missing",
                    () -> verify(resourceText("apple/transactionInfo")));
        }

        @Test
        void theTestTransactionIsRefusedForAnotherBundle() {
            ReceiptVerifier other = appStore("com.example.x", SANDBOX, null).receiptVerifier();
            refused(RuleViolation.class, "receipt-wrong-app", "bundleId com.example",
                    () -> other.verify(new PurchaseProof.AppStoreSignedTransaction(resourceText("apple/transactionInfo"))));
        }

        @Test
        void theTestRenewalInfoVerifies() {
            AppStoreTransactions transactions = new AppStoreTransactions(
                    new AppleSignedData(List.of(AppStoreTestSigner.appleTestRoot()), CLOCK),
                    new AppStoreSettings(BUNDLE_ID, SANDBOX, null, List.of(AppStoreTestSigner.appleTestRoot())));
            assertTrue(transactions.renewalInfo(resourceText("apple/renewalInfo"), Refusals.RECEIPT).payloadJson().contains("Sandbox"));
        }

        @Test
        void aTamperedTestTransactionIsRefused() {
            String[] parts = resourceText("apple/transactionInfo").split("\\.");
            String changed = encode(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"Sandbox\"", "\"Production\""));
            refused(RuleViolation.class, "receipt-invalid", "signature does not match",
                    () -> verify(parts[0] + "." + changed + "." + parts[2]));
        }

        @Test
        void aStoreKit1ReceiptIsRefusedAsUnsupported() {
            refused(InvalidValue.class, "receipt-format-unsupported", "StoreKit 1",
                    () -> verify(resourceText("apple/legacyTransaction")));
        }

        @Test
        void malformedTokensAreRefused() {
            refused(InvalidValue.class, "receipt-malformed", "three", () -> verify("a.b.c.d"));
            refused(InvalidValue.class, "receipt-malformed", "base64url", () -> verify("a.b.c"));
            refused(InvalidValue.class, "receipt-malformed", "JSON", () -> verify("YQ.YQ.YQ"));
            refused(InvalidValue.class, "receipt-malformed", "empty", () -> verify(""));
        }
    }

    @Nested
    class OurVectorsOnApplesTestChain {

        @Test
        void aGenuineConsumableBecomesAVerifiedPurchase() {
            Map<String, Object> tx = transaction("2000000123", "com.example.coins500");
            tx.put("appAccountToken", "7e3fb20b-4cdb-47cc-936d-99d65f608138");
            String signed = appleTestChain().sign(tx);

            VerifiedPurchase purchase = verify(signed);

            assertEquals(Store.APP_STORE, purchase.store());
            assertEquals("2000000123", purchase.storeTransactionId());
            assertEquals("2000000123", purchase.originalTransactionId());
            assertEquals("com.example.coins500", purchase.sku());
            assertEquals(ProductKind.CREDITS_PACK, purchase.kind());
            assertEquals(1, purchase.quantity());
            assertEquals(SIGNED_AT.minusSeconds(60), purchase.purchasedAt());
            assertEquals("Sandbox", purchase.environment());
            assertEquals(VerifiedPurchase.StoreState.PURCHASED, purchase.state());
            assertNull(purchase.revokedAt());
            assertNull(purchase.expiresAt());
            assertEquals("7e3fb20b-4cdb-47cc-936d-99d65f608138", purchase.accountHint());
            assertEquals(json(tx), purchase.rawPayload());
        }

        @Test
        void aRevokedTransactionSaysSo() {
            Map<String, Object> tx = transaction("2000000124", "com.example.coins500");
            tx.put("revocationDate", SIGNED_AT.toEpochMilli());
            tx.put("revocationReason", 0);

            VerifiedPurchase purchase = verify(appleTestChain().sign(tx));

            assertEquals(VerifiedPurchase.StoreState.REVOKED, purchase.state());
            assertEquals(SIGNED_AT, purchase.revokedAt());
        }

        @Test
        void aSubscriptionCarriesItsChainAndExpiry() {
            Map<String, Object> tx = transaction("2000000200", "com.example.premium.monthly");
            tx.put("originalTransactionId", "2000000100");
            tx.put("type", "Auto-Renewable Subscription");
            tx.put("expiresDate", SIGNED_AT.plusSeconds(30L * 24 * 3600).toEpochMilli());

            VerifiedPurchase purchase = verify(appleTestChain().sign(tx));

            assertEquals(ProductKind.SUBSCRIPTION, purchase.kind());
            assertEquals("2000000100", purchase.originalTransactionId());
            assertEquals(SIGNED_AT.plusSeconds(30L * 24 * 3600), purchase.expiresAt());
        }

        @Test
        void anotherBundleIsRefused() {
            Map<String, Object> tx = transaction("2000000125", "com.example.coins500");
            tx.put("bundleId", "com.attacker.app");
            refused(RuleViolation.class, "receipt-wrong-app", "com.attacker.app", () -> verify(appleTestChain().sign(tx)));
        }

        @Test
        void sandboxIsRefusedUnlessConfigured() {
            ReceiptVerifier production = appStore(BUNDLE_ID, Set.of("Production"), APP_APPLE_ID).receiptVerifier();
            String signed = appleTestChain().sign(transaction("2000000126", "com.example.coins500"));
            refused(RuleViolation.class, "receipt-wrong-environment", "Sandbox",
                    () -> production.verify(new PurchaseProof.AppStoreSignedTransaction(signed)));
        }

        @Test
        void certificatesExpiredOrNotYetValidAtSignedDateAreRefused() {
            Map<String, Object> late = transaction("2000000127", "com.example.coins500");
            late.put("signedDate", Instant.parse("2034-01-01T00:00:00Z").toEpochMilli());
            refused(RuleViolation.class, "receipt-invalid", "at signedDate 2034-01-01", () -> verify(appleTestChain().sign(late)));

            Map<String, Object> early = transaction("2000000128", "com.example.coins500");
            early.put("signedDate", Instant.parse("2022-06-01T00:00:00Z").toEpochMilli());
            refused(RuleViolation.class, "receipt-invalid", "at signedDate 2022-06-01", () -> verify(appleTestChain().sign(early)));
        }

        @Test
        void aLeafWithoutApplesMarkerIsRefused() {
            AppStoreTestSigner signer = appleTestChain()
                    .withChain(chainOf("apple/testInvalidOIDLeaf.pem", "apple/testIntermediate.pem", "apple/testCA.pem"));
            refused(RuleViolation.class, "receipt-invalid", AppleSignedData.LEAF_MARKER_OID,
                    () -> verify(signer.sign(transaction("2000000129", "com.example.coins500"))));
        }

        @Test
        void anIntermediateWithoutApplesMarkerIsRefused() {
            AppStoreTestSigner signer = appleTestChain()
                    .withChain(chainOf("apple/testInvalidIntermediateLeaf.pem", "apple/testInvalidOIDIntermediate.pem", "apple/testCA.pem"));
            refused(RuleViolation.class, "receipt-invalid", AppleSignedData.INTERMEDIATE_MARKER_OID,
                    () -> verify(signer.sign(transaction("2000000130", "com.example.coins500"))));
        }

        @Test
        void aRogueChainIsRefused() {
            refused(RuleViolation.class, "receipt-invalid", "trusted Apple root",
                    () -> verify(rogueChain().sign(transaction("2000000131", "com.example.coins500"))));
        }

        @Test
        void aRogueLeafUnderApplesIntermediateIsRefused() {
            AppStoreTestSigner signer = rogueChain()
                    .withChain(chainOf("rogue/rogueLeaf.pem", "apple/testIntermediate.pem", "apple/testCA.pem"));
            refused(RuleViolation.class, "receipt-invalid", "trusted Apple root",
                    () -> verify(signer.sign(transaction("2000000132", "com.example.coins500"))));
        }

        @Test
        void theRootNamedInX5cIsNeverTrustedByItself() {
            AppStoreTestSigner signer = appleTestChain()
                    .withChain(chainOf("apple/testLeaf.pem", "apple/testIntermediate.pem", "rogue/rogueCA.pem"));
            assertEquals("2000000133", verify(signer.sign(transaction("2000000133", "com.example.coins500"))).storeTransactionId());

            ReceiptVerifier appleOnly = new AppStore(new AppStoreSettings(BUNDLE_ID, SANDBOX, null, AppStoreSettings.appleRootAnd(List.of())),
                    CLOCK).receiptVerifier();
            String signed = appleTestChain().sign(transaction("2000000134", "com.example.coins500"));
            refused(RuleViolation.class, "receipt-invalid", "trusted Apple root",
                    () -> appleOnly.verify(new PurchaseProof.AppStoreSignedTransaction(signed)));
        }

        @Test
        void aPayloadChangedAfterSigningIsRefused() {
            String[] parts = appleTestChain().sign(transaction("2000000135", "com.example.coins500")).split("\\.");
            Map<String, Object> richer = transaction("2000000135", "com.example.coins5000");
            refused(RuleViolation.class, "receipt-invalid", "signature does not match",
                    () -> verify(parts[0] + "." + encode(json(richer)) + "." + parts[2]));
        }

        @Test
        void algNoneAndHs256AreRefused() {
            Map<String, Object> tx = transaction("2000000136", "com.example.coins500");
            Map<String, Object> none = new LinkedHashMap<>(Map.of("alg", "none", "x5c", appleTestChain().chain()));
            refused(RuleViolation.class, "receipt-invalid", "'none'",
                    () -> verify(encode(json(none)) + "." + encode(json(tx)) + "."));

            // The classic confusion attack: HMAC keyed with the leaf's public key.
            Map<String, Object> hs256 = new LinkedHashMap<>(Map.of("alg", "HS256", "x5c", appleTestChain().chain()));
            String input = encode(json(hs256)) + "." + encode(json(tx));
            String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(leafPublicKey(), input));
            refused(RuleViolation.class, "receipt-invalid", "'HS256'", () -> verify(input + "." + mac));

            Map<String, Object> es384 = new LinkedHashMap<>(Map.of("alg", "ES384", "x5c", appleTestChain().chain()));
            refused(RuleViolation.class, "receipt-invalid", "'ES384'", () -> verify(appleTestChain().sign(es384, tx)));
        }

        @Test
        void fewerThanThreeCertificatesAreRefused() {
            AppStoreTestSigner two = appleTestChain().withChain(chainOf("apple/testLeaf.pem", "apple/testIntermediate.pem"));
            refused(RuleViolation.class, "receipt-invalid", "3 certificates, not 2",
                    () -> verify(two.sign(transaction("2000000137", "com.example.coins500"))));
            AppStoreTestSigner one = appleTestChain().withChain(chainOf("apple/testLeaf.pem"));
            refused(RuleViolation.class, "receipt-invalid", "3 certificates, not 1",
                    () -> verify(one.sign(transaction("2000000138", "com.example.coins500"))));
        }

        @Test
        void aDuplicateKeyIsRefusedEvenWhenSigned() {
            String header = json(Map.of("alg", "ES256", "x5c", appleTestChain().chain()));
            String payload = json(transaction("2000000139", "com.example.coins500")).replaceFirst("\\{", "{\"productId\":\"com.example.coins5000\",");
            refused(InvalidValue.class, "receipt-malformed", "JSON", () -> verify(appleTestChain().signRaw(header, payload)));
        }

        @Test
        void fieldsOfTheWrongTypeAreRefusedNotConverted() {
            Map<String, Object> tx = transaction("2000000140", "com.example.coins500");
            tx.put("purchaseDate", "1780000000000");
            refused(InvalidValue.class, "receipt-malformed", "purchaseDate is not an integer", () -> verify(appleTestChain().sign(tx)));
        }

        @Test
        void anUnknownTransactionTypeIsRefused() {
            Map<String, Object> tx = transaction("2000000141", "com.example.coins500");
            tx.put("type", "Gift");
            refused(InvalidValue.class, "receipt-malformed", "Gift", () -> verify(appleTestChain().sign(tx)));
        }

        @Test
        void aHugeInputIsRefusedBeforeParsing() {
            refused(InvalidValue.class, "receipt-malformed", "longer than", () -> verify("x.".repeat(20_000) + "x"));
        }
    }

    @Nested
    class Notifications {

        @Test
        void aRefundCarriesTheVerifiedRevokedTransactionAndRenewalInfo() {
            Map<String, Object> tx = transaction("2000000300", "com.example.coins500");
            tx.put("revocationDate", SIGNED_AT.toEpochMilli());
            Map<String, Object> renewal = new LinkedHashMap<>(Map.of("autoRenewStatus", 1, "environment", "Sandbox",
                    "signedDate", SIGNED_AT.toEpochMilli(), "originalTransactionId", "2000000300", "productId", "com.example.coins500"));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("signedTransactionInfo", appleTestChain().sign(tx));
            data.put("signedRenewalInfo", appleTestChain().sign(renewal));
            String body = notificationBody(appleTestChain().sign(notification("uuid-refund-1", "REFUND", null, data)));

            StoreNotification notification = receive(NOTIFICATIONS, body);

            assertEquals("REFUND", notification.type());
            assertEquals("uuid-refund-1", notification.notificationId());
            assertEquals(SIGNED_AT, notification.sentAt());
            VerifiedPurchase purchase = notification.verifiedPurchase().orElseThrow();
            assertEquals("2000000300", purchase.storeTransactionId());
            assertEquals(VerifiedPurchase.StoreState.REVOKED, purchase.state());
            assertEquals(Boolean.TRUE, purchase.autoRenew());
            assertEquals(json(renewal), notification.renewalInfo());
        }

        @Test
        void anInnerTransactionFromARogueChainIsRefused() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("signedTransactionInfo", rogueChain().sign(transaction("2000000301", "com.example.coins500")));
            String body = notificationBody(appleTestChain().sign(notification("uuid-2", "REFUND_REVERSED", null, data)));
            refused(RuleViolation.class, "notification-invalid", "trusted Apple root", () -> receive(NOTIFICATIONS, body));
        }

        @Test
        void anOuterPayloadFromARogueChainIsRefused() {
            String body = notificationBody(rogueChain().sign(notification("uuid-3", "TEST", null, Map.of())));
            refused(RuleViolation.class, "notification-invalid", "trusted Apple root", () -> receive(NOTIFICATIONS, body));
        }

        @Test
        void productionNotificationsMustNameOurAppAppleId() {
            StoreNotificationVerifier production = appStore(BUNDLE_ID, Set.of("Production"), APP_APPLE_ID).notificationVerifier();
            Map<String, Object> ours = new LinkedHashMap<>(Map.of("environment", "Production"));
            assertEquals("CONSUMPTION_REQUEST", receive(production,
                    notificationBody(appleTestChain().sign(notification("uuid-4", "CONSUMPTION_REQUEST", null, ours)))).type());

            Map<String, Object> other = new LinkedHashMap<>(Map.of("environment", "Production", "appAppleId", 999L));
            refused(RuleViolation.class, "notification-wrong-app", "appAppleId 999", () -> receive(production,
                    notificationBody(appleTestChain().sign(notification("uuid-5", "REFUND", null, other)))));
        }

        @Test
        void anUnreadableBodyIsRefused() {
            refused(InvalidValue.class, "notification-malformed", "JSON object", () -> receive(NOTIFICATIONS, "not json"));
            refused(InvalidValue.class, "notification-malformed", "signedPayload is missing", () -> receive(NOTIFICATIONS, "{}"));
            refused(InvalidValue.class, "notification-malformed", "signedPayload is not a string",
                    () -> receive(NOTIFICATIONS, "{\"signedPayload\": 1}"));
        }

        @Test
        void aNotificationWithoutUuidIsRefused() {
            Map<String, Object> payload = notification("x", "TEST", null, Map.of());
            payload.remove("notificationUUID");
            refused(InvalidValue.class, "notification-malformed", "notificationUUID",
                    () -> receive(NOTIFICATIONS, notificationBody(appleTestChain().sign(payload))));
        }
    }

    @Nested
    class BundledRoot {

        @Test
        void isApplesRootCaG3ByItsPublishedFingerprint() throws Exception {
            X509Certificate root = AppStoreSettings.appleRootAnd(List.of()).get(0);
            assertEquals("63343ABFB89A6A03EBB57E9B3F5FA7BE7C4F5C756F3017B3A8C488C3653E9179",
                    HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded())));
            assertTrue(root.getSubjectX500Principal().getName().contains("CN=Apple Root CA - G3"));
        }

        @Test
        void anchorsApplesRealProductionChain() throws Exception {
            List<X509Certificate> chain = List.of(pem("apple/realAppleLeaf.pem"), pem("apple/realAppleIntermediate.pem"),
                    AppStoreSettings.appleRootAnd(List.of()).get(0));
            Instant october2025 = Instant.ofEpochMilli(1761962975000L);

            new AppleSignedData(AppStoreSettings.appleRootAnd(List.of()), CLOCK).checkChain(chain, october2025, Refusals.RECEIPT);

            refused(RuleViolation.class, "receipt-invalid", "trusted Apple root",
                    () -> new AppleSignedData(List.of(AppStoreTestSigner.appleTestRoot()), CLOCK).checkChain(chain, october2025, Refusals.RECEIPT));
        }

        @Test
        void extraRootsComeFromPemOrDerFiles(@TempDir Path dir) throws Exception {
            Path pemFile = AppStoreTestSigner.writeAppleTestRoot(dir);
            Path derFile = dir.resolve("root.der");
            Files.write(derFile, AppStoreTestSigner.appleTestRoot().getEncoded());

            List<X509Certificate> roots = AppStoreSettings.appleRootAnd(List.of(pemFile, derFile));

            assertEquals(3, roots.size());
            assertEquals(AppStoreTestSigner.appleTestRoot(), roots.get(1));
            assertEquals(AppStoreTestSigner.appleTestRoot(), roots.get(2));
            assertThrows(IllegalArgumentException.class, () -> AppStoreSettings.appleRootAnd(List.of(dir.resolve("missing.pem"))));
        }

        @Test
        void productionNeedsTheAppAppleId() {
            assertThrows(IllegalArgumentException.class,
                    () -> new AppStoreSettings(BUNDLE_ID, Set.of("Production"), null, AppStoreSettings.appleRootAnd(List.of())));
            assertThrows(IllegalArgumentException.class,
                    () -> new AppStoreSettings(BUNDLE_ID, Set.of("Staging"), null, AppStoreSettings.appleRootAnd(List.of())));
        }
    }

    private static X509Certificate pem(String resource) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(AppStoreVerifiersTest.class.getResourceAsStream(resource));
    }

    private static byte[] leafPublicKey() {
        try {
            return pem("apple/testLeaf.pem").getPublicKey().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

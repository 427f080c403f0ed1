package io.playerbase.adapters.stores.appstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.playerbase.adapters.stores.CompactJws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs App Store test vectors the way Apple does (ES256 JWS with an x5c chain), with Apple's published
 * test chain (testCA → testIntermediate → testLeaf, see resources {@code apple/README.md}) or with a rogue
 * chain that looks the same but ends in an untrusted root. Reusable by other modules' tests (test-jar).
 */
public final class AppStoreTestSigner {

    private static final String APPLE = "apple/";
    private static final String ROGUE = "rogue/";
    public static final String BUNDLE_ID = "com.example";
    public static final long APP_APPLE_ID = 1234L;
    /** Inside the validity of both test chains (Apple's: 2023-01-05 to 2033-01-01). */
    public static final Instant SIGNED_AT = Instant.parse("2027-06-01T12:00:00Z");

    private final PrivateKey key;
    private final List<String> x5c;

    private AppStoreTestSigner(PrivateKey key, List<String> x5c) {
        this.key = key;
        this.x5c = List.copyOf(x5c);
    }

    /** Apple's test chain: trusted when {@link #appleTestRoot()} is configured as a root. */
    public static AppStoreTestSigner appleTestChain() {
        return new AppStoreTestSigner(privateKey(APPLE + "testLeaf.p8"),
                List.of(der(APPLE + "testLeaf.pem"), der(APPLE + "testIntermediate.pem"), der(APPLE + "testCA.pem")));
    }

    /** Same names and marker OIDs as Apple's test chain, but its own root, which nobody trusts. */
    public static AppStoreTestSigner rogueChain() {
        return new AppStoreTestSigner(privateKey(ROGUE + "rogueLeaf.p8"),
                List.of(der(ROGUE + "rogueLeaf.pem"), der(ROGUE + "rogueIntermediate.pem"), der(ROGUE + "rogueCA.pem")));
    }

    /** The same key with another x5c (base64 DER entries), e.g. a leaf without Apple's marker OID or a short chain. */
    public AppStoreTestSigner withChain(List<String> chain) {
        return new AppStoreTestSigner(key, chain);
    }

    public List<String> chain() {
        return x5c;
    }

    /** A certificate of the test resources as an x5c entry (base64 DER), e.g. {@code "apple/testInvalidOIDLeaf.pem"}. */
    public static String der(String resource) {
        try {
            return Base64.getEncoder().encodeToString(certificate(resource).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    public static X509Certificate appleTestRoot() {
        return certificate(APPLE + "testCA.pem");
    }

    /** Writes Apple's test root as a PEM file, as {@code PLAYERBASE_IAP_APPLE_ROOT_CERTIFICATES} names it. */
    public static Path writeAppleTestRoot(Path directory) {
        try {
            Path file = directory.resolve("apple-test-root.pem");
            Files.write(file, read(APPLE + "testCA.pem"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload signed as ES256 with this chain. */
    public String sign(Map<String, ?> payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("x5c", x5c);
        return sign(header, payload);
    }

    /** The payload under any header (e.g. another {@code alg}), signed as ES256 with this chain's key. */
    public String sign(Map<String, ?> header, Map<String, ?> payload) {
        return signRaw(json(header), json(payload));
    }

    /** JSON texts signed as they are (e.g. with a duplicate key). */
    public String signRaw(String headerJson, String payloadJson) {
        String signingInput = encode(headerJson) + "." + encode(payloadJson);
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A StoreKit 2 consumable transaction of {@link #BUNDLE_ID} in the sandbox, signed at {@link #SIGNED_AT}; change what a test needs. */
    public static Map<String, Object> transaction(String transactionId, String productId) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("transactionId", transactionId);
        tx.put("originalTransactionId", transactionId);
        tx.put("bundleId", BUNDLE_ID);
        tx.put("productId", productId);
        tx.put("purchaseDate", SIGNED_AT.minusSeconds(60).toEpochMilli());
        tx.put("originalPurchaseDate", SIGNED_AT.minusSeconds(60).toEpochMilli());
        tx.put("quantity", 1);
        tx.put("type", "Consumable");
        tx.put("inAppOwnershipType", "PURCHASED");
        tx.put("signedDate", SIGNED_AT.toEpochMilli());
        tx.put("environment", "Sandbox");
        tx.put("transactionReason", "PURCHASE");
        tx.put("storefront", "NLD");
        tx.put("storefrontId", "143452");
        tx.put("price", 4990);
        tx.put("currency", "EUR");
        return tx;
    }

    /** An App Store Server Notification V2 payload for {@link #BUNDLE_ID}; put signed data in {@code data} as needed. */
    public static Map<String, Object> notification(String notificationUuid, String type, String subtype, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>(data);
        body.putIfAbsent("environment", "Sandbox");
        body.putIfAbsent("appAppleId", APP_APPLE_ID);
        body.putIfAbsent("bundleId", BUNDLE_ID);
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("notificationType", type);
        if (subtype != null) {
            notification.put("subtype", subtype);
        }
        notification.put("notificationUUID", notificationUuid);
        notification.put("data", body);
        notification.put("version", "2.0");
        notification.put("signedDate", SIGNED_AT.toEpochMilli());
        return notification;
    }

    /** The request body Apple posts: {@code {"signedPayload": "…"}}. */
    public static String notificationBody(String signedPayload) {
        return json(Map.of("signedPayload", signedPayload));
    }

    public static String json(Object value) {
        try {
            return CompactJws.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A test resource's text (e.g. Apple's {@code apple/transactionInfo}). */
    public static String resourceText(String resource) {
        return new String(read(resource), StandardCharsets.UTF_8).strip();
    }

    private static X509Certificate certificate(String resource) {
        try (InputStream in = stream(resource)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static PrivateKey privateKey(String resource) {
        String pem = new String(read(resource), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        return Objects.requireNonNull(AppStoreTestSigner.class.getResourceAsStream(resource), resource);
    }

    /** For tests that build a chain by hand. */
    public static List<String> chainOf(String... resources) {
        List<String> chain = new ArrayList<>();
        for (String resource : resources) {
            chain.add(der(resource));
        }
        return chain;
    }
}

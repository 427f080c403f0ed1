package io.playerbase.adapters.crypto;

import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.ReceiptVerifier;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.TestReceiptMinter;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.DomainException.FieldError;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import org.bouncycastle.util.Arrays;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The development test store (docs/purchases.md): receipts are
 * {@code pbtest1.<base64url payload>.<base64url HMAC-SHA256>}, the payload being the transaction id,
 * SKU, kind and purchase time, one per line. The HMAC key is the server's (configured, or derived
 * from the master key with HKDF purpose {@code iap-test-store}), so a player cannot mint or alter a
 * receipt; only the admin mint endpoint makes them. Enabled only by configuration, never on a
 * production database (checked by the purchase service).
 */
public final class HmacTestStore implements ReceiptVerifier, TestReceiptMinter {

    /** Receipts above this size are refused before any work. */
    public static final int MAX_RECEIPT = 2048;
    private static final String PREFIX = "pbtest1.";
    private static final Pattern SHAPE = Pattern.compile("pbtest1\\.[A-Za-z0-9_-]{1,1500}\\.[A-Za-z0-9_-]{43}");
    private static final Pattern TRANSACTION = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    /** @param key at least 32 bytes */
    public HmacTestStore(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the test-store key must have at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** The key derived from the master key, when none is configured. */
    public static HmacTestStore derivedFrom(KeyRing ring) {
        return new HmacTestStore(ring.derive(ring.primaryKeyId(), "iap-test-store", 32));
    }

    @Override
    public Store store() {
        return Store.TEST;
    }

    @Override
    public String mint(String sku, ProductKind kind, String transactionId, Instant purchasedAt) {
        if (!TRANSACTION.matcher(transactionId).matches()) {
            throw new IllegalArgumentException("transaction ids are 1-100 URL-safe characters");
        }
        String payload = String.join("\n", transactionId, sku, kind.wireName(), Long.toString(purchasedAt.toEpochMilli()));
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return PREFIX + body + "." + ENCODER.encodeToString(mac(body));
    }

    @Override
    public VerifiedPurchase verify(PurchaseProof proof) {
        if (!(proof instanceof PurchaseProof.TestReceipt(String receipt))) {
            throw new IllegalArgumentException("the test store verifies test receipts only");
        }
        if (receipt.length() > MAX_RECEIPT || !SHAPE.matcher(receipt).matches()) {
            throw new InvalidValue("receipt-malformed", "This is not a test-store receipt",
                    List.of(new FieldError("receipt", "is not a test-store receipt")));
        }
        int dot = receipt.lastIndexOf('.');
        String body = receipt.substring(PREFIX.length(), dot);
        if (!Arrays.constantTimeAreEqual(mac(body), DECODER.decode(receipt.substring(dot + 1)))) {
            throw new RuleViolation("receipt-invalid", "The receipt's signature does not match");
        }
        String[] fields = new String(DECODER.decode(body), StandardCharsets.UTF_8).split("\n", -1);
        if (fields.length != 4) {
            throw new RuleViolation("receipt-invalid", "The receipt's contents are not readable");
        }
        ProductKind kind = ProductKind.fromWireName(fields[2]);
        Instant purchasedAt = Instant.ofEpochMilli(Long.parseLong(fields[3]));
        String raw = "{\"transaction_id\":\"" + fields[0] + "\",\"sku\":\"" + json(fields[1]) + "\",\"kind\":\""
                + kind.wireName() + "\",\"purchased_at\":\"" + purchasedAt + "\"}";
        return new VerifiedPurchase(Store.TEST, fields[0], fields[0], fields[1], kind, 1, purchasedAt, null, null,
                "Test", VerifiedPurchase.StoreState.PURCHASED, null, null, null, raw);
    }

    private byte[] mac(String body) {
        return HmacBlindIndex.hmacSha256(key, ("playerbase-test-store|" + body).getBytes(StandardCharsets.UTF_8));
    }

    /** SKUs are letters, digits, '.', '_' and '-' when minted, but the payload is escaped regardless. */
    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

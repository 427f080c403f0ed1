package io.playerbase.adapters.crypto;

import io.playerbase.domain.purchase.ProductKind;
import io.playerbase.domain.purchase.PurchaseProof;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.purchase.VerifiedPurchase;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HmacTestStoreTest {

    private static final Instant AT = Instant.parse("2026-05-01T12:00:00.123Z");
    private final HmacTestStore store = new HmacTestStore("k".repeat(32).getBytes(StandardCharsets.UTF_8));

    @Test
    void aMintedReceiptVerifies() {
        String receipt = store.mint("coins_500", ProductKind.CREDITS_PACK, "test-abc", AT);
        VerifiedPurchase purchase = store.verify(new PurchaseProof.TestReceipt(receipt));
        assertEquals(Store.TEST, purchase.store());
        assertEquals("test-abc", purchase.storeTransactionId());
        assertEquals("coins_500", purchase.sku());
        assertEquals(ProductKind.CREDITS_PACK, purchase.kind());
        assertEquals(AT, purchase.purchasedAt());
        assertEquals("Test", purchase.environment());
    }

    @Test
    void receiptsOfAnotherKeyOrAlteredOnesAreRefused() {
        String receipt = store.mint("coins_500", ProductKind.CREDITS_PACK, "test-abc", AT);
        HmacTestStore other = new HmacTestStore("o".repeat(32).getBytes(StandardCharsets.UTF_8));
        assertEquals("receipt-invalid", assertThrows(RuleViolation.class,
                () -> other.verify(new PurchaseProof.TestReceipt(receipt))).code());

        String forgedBody = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "test-abc\ncoins_5000\ncredits_pack\n1".getBytes(StandardCharsets.UTF_8));
        String[] parts = receipt.split("\\.");
        String forged = parts[0] + "." + forgedBody + "." + parts[2];
        assertEquals("receipt-invalid", assertThrows(RuleViolation.class,
                () -> store.verify(new PurchaseProof.TestReceipt(forged))).code());
    }

    @Test
    void malformedAndHugeReceiptsAreRefusedBeforeAnyWork() {
        for (String bad : new String[]{"", "pbtest1.", "pbtest1.abc.def", "x".repeat(5000), "pbtest1.a b.c"}) {
            assertEquals("receipt-malformed", assertThrows(InvalidValue.class,
                    () -> store.verify(new PurchaseProof.TestReceipt(bad))).code());
        }
        assertThrows(IllegalArgumentException.class, () -> new HmacTestStore(new byte[16]));
    }
}

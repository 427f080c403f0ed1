package io.playerbase.adapters.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playerbase.domain.shared.FieldCipher.CipherFailure;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipherContract;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmFieldCipherTest {

    private static final byte[] K1 = filled(1);
    private static final byte[] K2 = filled(2);
    private static final FieldContext EMAIL = new FieldContext("users", "u-1", "email");
    private static final String SECRET = "alice@example.com";

    private final AesGcmFieldCipher cipher = new AesGcmFieldCipher(KeyRing.of("k1", Map.of("k1", K1, "k2", K2)));

    @ParameterizedTest
    @ValueSource(strings = {SECRET, "", "Zoë Ångström, 東京都 🂡", "x"})
    void roundTrips(String plaintext) {
        String stored = cipher.encrypt(plaintext, EMAIL);

        assertEquals(plaintext, cipher.decrypt(stored, EMAIL));
    }

    @Test
    void storedValueHasTheDocumentedShapeAndNoPlaintext() {
        String stored = cipher.encrypt(SECRET, EMAIL);

        assertTrue(stored.matches("pb1:k1:[A-Za-z0-9_-]+"), stored);
        assertFalse(stored.contains(SECRET) || stored.contains("alice"), stored);
        byte[] body = Base64.getUrlDecoder().decode(stored.substring("pb1:k1:".length()));
        assertEquals(12 + SECRET.length() + 16, body.length);
        assertTrue(cipher.isCiphertext(stored));
    }

    @Test
    void twoEncryptionsOfTheSameValueDiffer() {
        assertNotEquals(cipher.encrypt(SECRET, EMAIL), cipher.encrypt(SECRET, EMAIL));
    }

    @Test
    void legacyPlaintextIsReturnedAsIs() {
        assertEquals(SECRET, cipher.decrypt(SECRET, EMAIL));
        assertEquals("", cipher.decrypt("", EMAIL));
        assertNull(cipher.decrypt(null, EMAIL));
        assertFalse(cipher.isCiphertext(SECRET));
        assertFalse(cipher.isCiphertext(null));
        assertNull(cipher.keyIdOf(SECRET));
    }

    @Test
    void aFlippedBitInTheBodyFailsAuthentication() {
        String stored = cipher.encrypt(SECRET, EMAIL);
        String header = "pb1:k1:";
        byte[] body = Base64.getUrlDecoder().decode(stored.substring(header.length()));
        for (int position : new int[] {0, 12, body.length - 1}) {
            byte[] tampered = body.clone();
            tampered[position] ^= 1;
            String value = header + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

            assertThrows(CipherFailure.class, () -> cipher.decrypt(value, EMAIL), "bit flipped at " + position);
        }
    }

    @Test
    void aCiphertextMovedToAnotherFieldDocumentOrCollectionFails() {
        String stored = cipher.encrypt(SECRET, EMAIL);

        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, new FieldContext("users", "u-1", "phone")));
        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, new FieldContext("users", "u-2", "email")));
        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, new FieldContext("audit", "u-1", "email")));
    }

    @Test
    void relabellingTheKeyIdFailsEvenWithAnotherLiveKey() {
        String stored = cipher.encrypt(SECRET, EMAIL);

        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored.replace("pb1:k1:", "pb1:k2:"), EMAIL));
    }

    @Test
    void theKeyIdIsAuthenticatedEvenWhenTwoIdsHoldTheSameKey() {
        // Same master bytes under two ids derive the same AES key: only the header in the associated data differs.
        AesGcmFieldCipher twins = new AesGcmFieldCipher(KeyRing.of("k1", Map.of("k1", K1, "k2", K1)));
        String stored = twins.encrypt(SECRET, EMAIL);

        assertEquals(SECRET, twins.decrypt(stored, EMAIL));
        assertThrows(CipherFailure.class, () -> twins.decrypt(stored.replace("pb1:k1:", "pb1:k2:"), EMAIL));
    }

    @Test
    void anUnknownKeyIdFailsAndIsNamed() {
        String stored = cipher.encrypt(SECRET, EMAIL).replace("pb1:k1:", "pb1:k9:");

        CipherFailure failure = assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, EMAIL));
        assertTrue(failure.getMessage().contains("k9"), failure.getMessage());
    }

    @Test
    void truncatedOrGarbledValuesFail() {
        String stored = cipher.encrypt(SECRET, EMAIL);

        for (String value : new String[] {
            stored.substring(0, stored.length() - 1),
            stored.substring(0, "pb1:k1:".length() + 20),
            "pb1:k1:",
            "pb1:k1",
            "pb1:",
            "pb1:k1:not base64!",
            "pb1:k1:" + "A".repeat(60),
            "pb1::" + stored.substring("pb1:k1:".length()),
        }) {
            assertThrows(CipherFailure.class, () -> cipher.decrypt(value, EMAIL), value);
        }
    }

    @Test
    void failuresNeverShowThePlaintextOrKeys() {
        String stored = cipher.encrypt(SECRET, EMAIL);
        String tampered = stored.substring(0, stored.length() - 2) + (stored.endsWith("AA") ? "BB" : "AA");

        String message = assertThrows(CipherFailure.class, () -> cipher.decrypt(tampered, EMAIL)).getMessage();
        assertFalse(message.contains(SECRET) || message.contains(Base64.getEncoder().encodeToString(K1)), message);
    }

    @Test
    void rotationDecryptsOldValuesAndEncryptsWithTheNewPrimary() {
        AesGcmFieldCipher before = new AesGcmFieldCipher(KeyRing.of("k1", Map.of("k1", K1)));
        String old = before.encrypt(SECRET, EMAIL);
        AesGcmFieldCipher after = new AesGcmFieldCipher(KeyRing.parse(
                "k2:" + Base64.getEncoder().encodeToString(K2) + ",k1:" + Base64.getEncoder().encodeToString(K1)));

        assertEquals(SECRET, after.decrypt(old, EMAIL));
        String fresh = after.encrypt(SECRET, EMAIL);
        assertTrue(fresh.startsWith("pb1:k2:"), fresh);
        assertEquals(SECRET, after.decrypt(fresh, EMAIL));
        assertThrows(CipherFailure.class, () -> before.decrypt(fresh, EMAIL));
    }

    @Test
    void keyIdOfNamesTheKeyOfACiphertext() {
        AesGcmFieldCipher withK2 = new AesGcmFieldCipher(KeyRing.of("k2", Map.of("k1", K1, "k2", K2)));

        assertEquals("k1", cipher.keyIdOf(cipher.encrypt(SECRET, EMAIL)));
        assertEquals("k2", withK2.keyIdOf(withK2.encrypt(SECRET, EMAIL)));
        assertThrows(CipherFailure.class, () -> cipher.keyIdOf("pb1:k1"));
    }

    @Test
    void differentMasterKeysGiveUnrelatedCiphertexts() {
        AesGcmFieldCipher other = new AesGcmFieldCipher(KeyRing.of("k1", Map.of("k1", K2)));

        assertThrows(CipherFailure.class, () -> other.decrypt(cipher.encrypt(SECRET, EMAIL), EMAIL));
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    /** The port's contract, which the test stand-in keeps too. */
    @Nested
    class Contract extends FieldCipherContract {
        @Override
        protected FieldCipher createCipher() {
            return new AesGcmFieldCipher(KeyRing.of("k1", Map.of("k1", K1, "k2", K2)));
        }
    }
}

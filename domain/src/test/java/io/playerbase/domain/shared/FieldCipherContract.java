package io.playerbase.domain.shared;

import io.playerbase.domain.shared.FieldCipher.CipherFailure;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link FieldCipher} keeps, the test stand-in included (it offers no secrecy, but
 * binds values to their place like the real one, so tests notice a wrong context). What a ciphertext
 * looks like and how it resists tampering is the real cipher's own test.
 */
public abstract class FieldCipherContract {

    protected static final FieldContext EMAIL = new FieldContext("users", "650000000000000000000001", "email");

    protected FieldCipher cipher;

    protected abstract FieldCipher createCipher();

    @BeforeEach
    void startCipher() {
        cipher = createCipher();
    }

    @Test
    void valuesRoundTripAndNoLongerReadAsPlaintext() {
        for (String plaintext : List.of("alice@example.com", "", "Zoë Ångström, 東京都")) {
            String stored = cipher.encrypt(plaintext, EMAIL);
            assertNotEquals(plaintext, stored);
            assertTrue(cipher.isCiphertext(stored));
            assertFalse(cipher.needsReencryption(stored), "fresh under the current key");
            assertEquals(plaintext, cipher.decrypt(stored, EMAIL));
        }
        assertFalse(cipher.currentKeyId().isBlank());
    }

    @Test
    void aValueReadsOnlyWhereItWasWritten() {
        String stored = cipher.encrypt("alice@example.com", EMAIL);
        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, new FieldContext("users", "650000000000000000000002", "email")),
                "another document");
        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, new FieldContext("users", EMAIL.documentId(), "phone")),
                "another field");
        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, new FieldContext("api_keys", EMAIL.documentId(), "email")),
                "another collection");
    }

    @Test
    void legacyPlaintextReadsAsItIsAndIsDueForEncryption() {
        assertEquals("alice@example.com", cipher.decrypt("alice@example.com", EMAIL));
        assertFalse(cipher.isCiphertext("alice@example.com"));
        assertTrue(cipher.needsReencryption("alice@example.com"));
        assertNull(cipher.decrypt(null, EMAIL));
        assertFalse(cipher.isCiphertext(null));
    }
}

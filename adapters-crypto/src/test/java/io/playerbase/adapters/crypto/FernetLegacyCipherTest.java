package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.FieldCipher.CipherFailure;
import io.playerbase.domain.shared.LegacyCipher;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known answers made with Python {@code cryptography} 48 exactly as the old system derives its key. */
class FernetLegacyCipherTest {

    // PBKDF2HMAC(SHA256, length=32, salt=b"old-system-salt", iterations=100000).derive(b"old-system-key")
    private static final String FERNET_KEY = "4szyZKUYzJ5PI7wnUtaHtds6eaOaLFP4QNIf5Ff1ihw=";
    private static final String EMAIL_TOKEN =
            "gAAAAABrAkcVpxBlzn6rrE5lCpqqjOjZ6uH90WLrA0EoeQt7MqE88xNXMLN5z773dbgrxodvcAflG1LnnuXjK3ljF1LxIINMhQ==";
    private static final String PHONE_TOKEN =
            "gAAAAABrAkcVBtIPwxSfN8q6Pr5VEjqfZr9E4bd1B08dgU5TPCAkCXkgtklK_t7tJI8cJkkfdtlvLgvBMLjctPb-OTJnvtZqnQ==";

    private final FernetLegacyCipher cipher = new FernetLegacyCipher("old-system-key", "old-system-salt");

    @Test
    void derivesTheOldSystemsKey() {
        assertArrayEquals(Base64.getUrlDecoder().decode(FERNET_KEY), FernetLegacyCipher.derive("old-system-key", "old-system-salt"));
    }

    @Test
    void decryptsTokensOfTheOldSystem() {
        assertEquals(Optional.of("ann@example.com"), cipher.decrypt(EMAIL_TOKEN));
        assertEquals(Optional.of("+1 555 0100 ü"), cipher.decrypt(PHONE_TOKEN));
        assertTrue(cipher.isLegacyToken(EMAIL_TOKEN));
        assertFalse(cipher.isLegacyToken("ann@example.com"));
        assertFalse(cipher.isLegacyToken("pb1:k1:AAAA"));
    }

    @Test
    void aWrongKeyOrATamperedTokenFailsNeverReturnsGarbage() {
        assertThrows(CipherFailure.class, () -> new FernetLegacyCipher("other-key", "old-system-salt").decrypt(EMAIL_TOKEN));
        byte[] raw = Base64.getUrlDecoder().decode(EMAIL_TOKEN);
        raw[30] ^= 1;
        String tampered = Base64.getUrlEncoder().encodeToString(raw);
        assertThrows(CipherFailure.class, () -> cipher.decrypt(tampered));
        assertThrows(CipherFailure.class, () -> cipher.decrypt("gAAAAA$$$"));
    }

    @Test
    void withoutTheOldKeyTokensAreRecognizedButNotRead() {
        assertTrue(LegacyCipher.NONE.isLegacyToken(EMAIL_TOKEN));
        assertEquals(Optional.empty(), LegacyCipher.NONE.decrypt(EMAIL_TOKEN));
    }
}

package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values written by the release whose AES-GCM ran on BouncyCastle (stored in
 * {@code bouncycastle-ciphertexts.txt}) decrypt unchanged on the JDK's AES-GCM: field values under the
 * service key, a wrapped data key and a personal field under it.
 */
class StoredCiphertextsTest {

    private static KeyRing ring() {
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        for (int i = 0; i < 32; i++) {
            k1[i] = (byte) i;
            k2[i] = (byte) (100 + i);
        }
        return KeyRing.of("k1", Map.of("k1", k1, "k2", k2));
    }

    private static List<String[]> lines() throws Exception {
        try (var reader = new BufferedReader(new InputStreamReader(
                StoredCiphertextsTest.class.getResourceAsStream("/bouncycastle-ciphertexts.txt"), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.startsWith("#")).map(line -> line.split("\\|", -1)).toList();
        }
    }

    @Test
    void serviceAndPersonalValuesWrittenWithBouncyCastleDecrypt() throws Exception {
        KeyRing ring = ring();
        AesGcmFieldCipher service = new AesGcmFieldCipher(ring);
        AesGcmPersonalDataKeys dataKeys = new AesGcmPersonalDataKeys(ring, service, 10);
        FieldCipher personal = null;
        int checked = 0;
        for (String[] line : lines()) {
            switch (line[0]) {
                case "service" -> {
                    FieldContext context = new FieldContext(line[1], line[2], line[3]);
                    assertEquals(line[4], service.decrypt(line[5], context));
                    assertThrows(FieldCipher.CipherFailure.class,
                            () -> service.decrypt(line[5], new FieldContext(line[1], line[2], "other")),
                            "still bound to its field");
                    checked++;
                }
                case "wrapped" -> personal = dataKeys.cipherFor(new UserId(line[1]), line[2]);
                case "personal" -> {
                    assertEquals(line[4], personal.decrypt(line[5], new FieldContext(line[1], line[2], line[3])));
                    checked++;
                }
                default -> throw new AssertionError("unknown line " + line[0]);
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void newValuesKeepTheFormatAndRoundTrip() {
        AesGcmFieldCipher service = new AesGcmFieldCipher(ring());
        FieldContext context = new FieldContext("users", "u1", "email");
        String stored = service.encrypt("ann@example.com", context);
        assertTrue(stored.matches("pb1:k1:[A-Za-z0-9_-]+"), stored);
        // nonce(12) + 15 bytes + tag(16) = 43 bytes -> 58 base64url characters without padding
        assertEquals(58, stored.length() - "pb1:k1:".length());
        assertEquals("ann@example.com", service.decrypt(stored, context));
    }
}

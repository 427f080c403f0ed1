package io.playerbase.adapters.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY_A = base64(1);
    private static final String KEY_B = base64(2);

    /** RFC 5869 appendix A, test cases 1–3 (SHA-256). */
    @ParameterizedTest(name = "RFC 5869 test case {0}")
    @CsvSource({
        "1, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 000102030405060708090a0b0c, f0f1f2f3f4f5f6f7f8f9, 42,"
            + " 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        "2, 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
            + "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f,"
            + " 606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f"
            + "909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf,"
            + " b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
            + "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff, 82,"
            + " b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
            + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
        "3, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, '', '', 42,"
            + " 8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
    })
    void hkdfMatchesRfc5869(int testCase, String ikm, String salt, String info, int length, String okm) {
        assertEquals(okm, HEX.formatHex(KeyRing.hkdfSha256(HEX.parseHex(ikm), HEX.parseHex(salt), HEX.parseHex(info), length)));
    }

    @Test
    void deriveIsHkdfOfTheMasterKeyWithTheFixedSaltAndThePurposeAsInfo() {
        byte[] master = key(7);
        KeyRing ring = KeyRing.of("main", Map.of("main", master));

        byte[] expected = KeyRing.hkdfSha256(master, "playerbase-hkdf-v1".getBytes(), "field-encryption".getBytes(), 32);
        assertArrayEquals(expected, ring.derive("main", "field-encryption", 32));
    }

    @Test
    void derivedKeysDifferPerPurposeAndPerKeyAndAreStable() {
        KeyRing ring = KeyRing.parse("a:" + KEY_A + ",b:" + KEY_B);

        byte[] first = ring.derive("a", "x", 32);
        first[0] ^= 1;
        assertArrayEquals(ring.derive("a", "x", 32), ring.derive("a", "x", 32));
        assertFalse(Arrays.equals(ring.derive("a", "x", 32), first), "callers get a copy of the cached key");
        assertFalse(Arrays.equals(ring.derive("a", "x", 32), ring.derive("a", "y", 32)));
        assertFalse(Arrays.equals(ring.derive("a", "x", 32), ring.derive("b", "x", 32)));
        assertThrows(IllegalArgumentException.class, () -> ring.derive("c", "x", 32));
    }

    @Test
    void parsesABareKeyAsK1() {
        KeyRing ring = KeyRing.parse("  " + KEY_A + "\n");

        assertEquals("k1", ring.primaryKeyId());
        assertEquals(List.of("k1"), List.copyOf(ring.keyIds()));
        assertArrayEquals(KeyRing.of("k1", Map.of("k1", key(1))).derive("k1", "p", 32), ring.derive("k1", "p", 32));
    }

    @Test
    void parsesAListWithTheFirstEntryAsPrimary() {
        KeyRing ring = KeyRing.parse("k2:" + KEY_B + ", k1:" + KEY_A);

        assertEquals("k2", ring.primaryKeyId());
        assertEquals(List.of("k2", "k1"), List.copyOf(ring.keyIds()));
        assertArrayEquals(KeyRing.of("k1", Map.of("k1", key(1))).derive("k1", "p", 32), ring.derive("k1", "p", 32));
        assertArrayEquals(KeyRing.of("k2", Map.of("k2", key(2))).derive("k2", "p", 32), ring.derive("k2", "p", 32));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ",
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", // 31 bytes
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g", // 33 bytes
        "not*base64*at*all*AAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==",
        "bad id:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "k.1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "abcdefghijklmnopqrstuvwxyz0123456:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        ":AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,",
        "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    })
    void rejectsMalformedSpecs(String spec) {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(spec));
    }

    @Test
    void rejectsDuplicateIds() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse("k1:" + KEY_A + ",k1:" + KEY_B));
    }

    @Test
    void ofRejectsWrongLengthsAndAMissingPrimary() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of("k1", Map.of("k1", new byte[31])));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of("k2", Map.of("k1", key(1))));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of("a:b", Map.of("a:b", key(1))));
    }

    @Test
    void ofCopiesTheKeys() {
        byte[] master = key(3);
        KeyRing ring = KeyRing.of("k1", Map.of("k1", master));
        byte[] before = ring.derive("k1", "p", 32);

        master[0] ^= 1;
        assertArrayEquals(before, KeyRing.of("k1", Map.of("k1", key(3))).derive("k1", "p", 32));
        assertArrayEquals(before, ring.derive("k1", "p", 32));
    }

    @Test
    void errorMessagesAndToStringNeverShowKeyMaterial() {
        String tooShort = Base64.getEncoder().encodeToString(Arrays.copyOf(key(5), 31));
        String badChars = KEY_A.substring(0, 20) + "*" + KEY_A.substring(21);
        List<String> specs = List.of(tooShort, "k1:" + tooShort, badChars, "k1:" + badChars,
                "k1:" + KEY_A + ",k1:" + KEY_A, KEY_A + "," + KEY_B, "k1:" + KEY_A + "," + KEY_B);
        for (String spec : specs) {
            String message = assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(spec)).getMessage();
            for (String secret : List.of(tooShort, badChars, KEY_A, KEY_B, KEY_A.substring(0, 12), KEY_B.substring(0, 12))) {
                assertFalse(message.contains(secret), () -> "'" + message + "' shows key material");
            }
        }

        String shown = KeyRing.parse("k2:" + KEY_B + ",k1:" + KEY_A).toString();
        assertFalse(shown.contains(KEY_A) || shown.contains(KEY_B), shown);
        assertTrue(shown.contains("k2") && shown.contains("k1"), shown);
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    private static String base64(int seed) {
        return Base64.getEncoder().encodeToString(key(seed));
    }
}

package io.playerbase.adapters.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.BlindIndexContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

class HmacBlindIndexTest {

    private static final HexFormat HEX = HexFormat.of();

    private final KeyRing ring = KeyRing.of("k1", Map.of("k1", filled(1), "k2", filled(2)));
    private final HmacBlindIndex index = new HmacBlindIndex(ring, "k1", null);

    /** RFC 4231 section 4, test cases 1–4, 6 and 7 (5 is truncated output). */
    static Iterable<Arguments> rfc4231() {
        return List.of(
                Arguments.of(repeat(0x0b, 20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of(ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of(repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of(HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of(repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of(repeat(0xaa, 131), ascii("This is a test using a larger than block-size key and a larger than"
                                + " block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest
    @MethodSource("rfc4231")
    void hmacMatchesRfc4231(byte[] key, byte[] data, String mac) {
        assertEquals(mac, HEX.formatHex(HmacBlindIndex.hmacSha256(key, data)));
    }

    @Test
    void indexIsTheHmacOfTheNormalizedValueUnderThePurposeKey() {
        byte[] key = ring.derive("k1", "blind-index:email", 32);
        String expected = HEX.formatHex(HmacBlindIndex.hmacSha256(key, ascii("alice@example.com")));

        assertEquals("k1:" + expected, index.of("email", "Alice@Example.com"));
    }

    @Test
    void isTheKeyIdThenSixtyFourLowerCaseHexCharacters() {
        assertTrue(index.of("email", "alice@example.com").matches("k1:[0-9a-f]{64}"));
    }

    @Test
    void caseAndSurroundingWhitespaceDoNotMatter() {
        assertEquals(index.of("email", "alice@example.com"), index.of("email", " Alice@Example.COM "));
        assertEquals(index.of("email", "alice@example.com"), index.of("email", "\u00a0alice@example.com\t\n"));
    }

    @Test
    void compatibilityFormsFoldToThePlainCharacter() {
        assertEquals("e", HmacBlindIndex.normalize("\uff45"));
        assertEquals(index.of("username", "neo"), index.of("username", "n\uff45o"));
        assertEquals(index.of("username", "neo"), index.of("username", "\uff2e\uff25\uff2f"));
    }

    @Test
    void differentValuesPurposesAndKeysGiveDifferentIndexes() {
        String email = index.of("email", "alice@example.com");

        assertNotEquals(email, index.of("email", "alice@example.org"));
        assertNotEquals(email, index.of("username", "alice@example.com"));
        assertNotEquals(email, index.of("k2", "email", "alice@example.com"));
        assertNotEquals(email, new HmacBlindIndex(KeyRing.of("k1", Map.of("k1", filled(3)))).of("email", "alice@example.com"));
    }

    @Test
    void addingANewPrimaryKeyLeavesStoredIndexesValid() {
        Base64.Encoder b64 = Base64.getEncoder();
        KeyRing before = KeyRing.parse("k1:" + b64.encodeToString(filled(1)));
        KeyRing after = KeyRing.parse("k2:" + b64.encodeToString(filled(2)) + ",k1:" + b64.encodeToString(filled(1)));

        HmacBlindIndex beforeIndex = new HmacBlindIndex(before);
        HmacBlindIndex afterIndex = new HmacBlindIndex(after);
        assertEquals("k1", afterIndex.indexKeyId(), "the oldest key (last in the list) keeps indexing");
        assertEquals(beforeIndex.of("email", "alice@example.com"), afterIndex.of("email", "alice@example.com"));
        assertEquals(afterIndex.of("k2", "email", "alice@example.com"),
                new HmacBlindIndex(after, "k2", null).of("email", "alice@example.com"));
        assertThrows(IllegalArgumentException.class, () -> new HmacBlindIndex(after, "k9", null));
        assertThrows(IllegalArgumentException.class, () -> new HmacBlindIndex(after, "k1", "k9"));
    }

    @Test
    void duringARotationValuesAreStoredUnderBothKeysAndFoundUnderAny() {
        Base64.Encoder b64 = Base64.getEncoder();
        KeyRing ring = KeyRing.parse("k2:" + b64.encodeToString(filled(2)) + ",k1:" + b64.encodeToString(filled(1)));
        HmacBlindIndex rotating = new HmacBlindIndex(ring, "k1", "k2");
        String k1 = rotating.of("k1", "email", "alice@example.com");
        String k2 = rotating.of("k2", "email", "alice@example.com");
        assertEquals(List.of(k1, k2), rotating.entries("email", " Alice@example.com"));
        assertEquals(k1, rotating.of("email", "alice@example.com"), "the current key stays k1 until the switch");
        assertEquals(Set.of(k1, k2), Set.copyOf(rotating.lookups("email", "alice@example.com")));
        HmacBlindIndex switched = new HmacBlindIndex(ring, "k2", null);
        assertEquals(List.of(k2), switched.entries("email", "alice@example.com"));
        assertTrue(switched.lookups("email", "alice@example.com").contains(k1), "old entries still found until dropped");
        assertEquals(List.of(k1), new HmacBlindIndex(ring, "k1", "k1").entries("email", "alice@example.com"));
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int value) {
        return repeat(value, 32);
    }

    /** The port's contract, which the test stand-in keeps too. */
    @Nested
    class Contract extends BlindIndexContract {
        @Override
        protected BlindIndex createIndex() {
            return new HmacBlindIndex(ring, "k1", null);
        }
    }
}

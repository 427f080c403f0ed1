package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.SecretHasher;
import io.playerbase.domain.shared.SecretHasherContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HmacSecretHasherTest {

    private static final String SECRET = "q2Jx0Zf3h8WmT1vN5bLc7dKp9sRa4eYu6iOw2gHj0kM";

    private final KeyRing ring = KeyRing.of("k1", Map.of("k1", filled(1), "k2", filled(2)));
    private final HmacSecretHasher hasher = new HmacSecretHasher(ring);

    @Test
    void theHashIsTheHmacUnderThePurposeKeyOfThePrimary() {
        byte[] key = ring.derive("k1", "api-key-secret", 32);
        String expected = "hmac-sha256$k1$" + HexFormat.of().formatHex(
                HmacBlindIndex.hmacSha256(key, SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, hasher.hash(SECRET));
        assertFalse(hasher.hash(SECRET).contains(SECRET));
    }

    @Test
    void verifiesTheRightSecretOnly() {
        String stored = hasher.hash(SECRET);
        assertTrue(hasher.verify(SECRET, stored));
        assertFalse(hasher.verify(SECRET.substring(1) + "x", stored));
        assertFalse(hasher.verify("", stored));
    }

    @Test
    void anotherMasterKeyGivesAnotherHash() {
        HmacSecretHasher other = new HmacSecretHasher(KeyRing.of("k1", Map.of("k1", filled(9))));
        assertNotEquals(other.hash(SECRET), hasher.hash(SECRET));
        assertFalse(other.verify(SECRET, hasher.hash(SECRET)), "a copy of the database alone verifies nothing");
    }

    @Test
    void hashesMadeBeforeARotationStillVerifyWhileTheirKeyIsInTheRing() {
        String underOldPrimary = hasher.hash(SECRET);
        HmacSecretHasher rotated = new HmacSecretHasher(KeyRing.of("k2", Map.of("k2", filled(2), "k1", filled(1))));
        assertTrue(rotated.hash(SECRET).startsWith("hmac-sha256$k2$"));
        assertTrue(rotated.verify(SECRET, underOldPrimary));
        HmacSecretHasher retired = new HmacSecretHasher(KeyRing.of("k2", Map.of("k2", filled(2))));
        assertFalse(retired.verify(SECRET, underOldPrimary));
    }

    @Test
    void tamperedOrForeignHashesNeverVerify() {
        String stored = hasher.hash(SECRET);
        char last = stored.charAt(stored.length() - 1);
        String flipped = stored.substring(0, stored.length() - 1) + (last == '0' ? '1' : '0');
        for (String bad : new String[]{flipped, "hmac-sha256$k1$zz", "hmac-sha256$k1", "hmac-sha256$nokey$00",
                "$argon2id$v=19$m=19456,t=2,p=1$x$y", "", null}) {
            assertFalse(hasher.verify(SECRET, bad), String.valueOf(bad));
        }
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    /** The port's contract, which the test stand-in keeps too. */
    @Nested
    class Contract extends SecretHasherContract {
        @Override
        protected SecretHasher createHasher() {
            return new HmacSecretHasher(ring);
        }
    }
}

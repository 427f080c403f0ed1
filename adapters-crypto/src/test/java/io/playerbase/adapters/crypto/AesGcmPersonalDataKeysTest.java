package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.FieldCipher.CipherFailure;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.PersonalDataKeysContract;
import io.playerbase.domain.shared.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AesGcmPersonalDataKeysTest {

    private static final UserId ANN = new UserId("650000000000000000000001");
    private static final UserId BOB = new UserId("650000000000000000000002");
    private static final byte[] K1 = filled(1);
    private static final byte[] K2 = filled(2);

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private static KeyRing ring(String primary, Map<String, byte[]> keys) {
        return KeyRing.of(primary, keys);
    }

    private static AesGcmPersonalDataKeys keys(KeyRing ring) {
        return new AesGcmPersonalDataKeys(ring, new AesGcmFieldCipher(ring), 100);
    }

    private static FieldContext email(UserId id) {
        return new FieldContext("users", id.value(), "email");
    }

    @Test
    void personalValuesRoundTripUnderTheUsersOwnKey() {
        AesGcmPersonalDataKeys keys = keys(ring("k1", Map.of("k1", K1)));
        String wrapped = keys.newWrappedKey(ANN);
        assertTrue(wrapped.startsWith("pbk1:k1:"));
        FieldCipher cipher = keys.cipherFor(ANN, wrapped);
        String stored = cipher.encrypt("ann@example.com", email(ANN));
        assertTrue(stored.startsWith("pb1:dek:"), stored);
        assertEquals("ann@example.com", cipher.decrypt(stored, email(ANN)));
        assertFalse(cipher.needsReencryption(stored));
    }

    @Test
    void eachUserHasADifferentKey() {
        AesGcmPersonalDataKeys keys = keys(ring("k1", Map.of("k1", K1)));
        String annKey = keys.newWrappedKey(ANN);
        String bobKey = keys.newWrappedKey(BOB);
        String stored = keys.cipherFor(ANN, annKey).encrypt("secret", email(ANN));
        // Even with Bob's key and Ann's context, Ann's value does not open.
        assertThrows(CipherFailure.class, () -> keys.cipherFor(BOB, bobKey).decrypt(stored, email(ANN)));
    }

    @Test
    void aWrappedKeyIsBoundToItsOwner() {
        AesGcmPersonalDataKeys keys = keys(ring("k1", Map.of("k1", K1)));
        String annKey = keys.newWrappedKey(ANN);
        assertThrows(CipherFailure.class, () -> keys.cipherFor(BOB, annKey));
    }

    @Test
    void withoutTheWrappedKeyNothingTheServiceHoldsDecrypts() {
        KeyRing ring = ring("k1", Map.of("k1", K1));
        AesGcmPersonalDataKeys keys = keys(ring);
        String annKey = keys.newWrappedKey(ANN);
        String stored = keys.cipherFor(ANN, annKey).encrypt("ann@example.com", email(ANN));
        keys.forget(ANN);
        // The service cipher cannot, and a new data key for the same user cannot either.
        assertThrows(CipherFailure.class, () -> new AesGcmFieldCipher(ring).decrypt(stored, email(ANN)));
        assertThrows(CipherFailure.class, () -> keys.cipherFor(ANN, keys.newWrappedKey(ANN)).decrypt(stored, email(ANN)));
    }

    @Test
    void valuesFromBeforeTheUserHadADataKeyStillDecryptAndAreMarkedForReencryption() {
        KeyRing ring = ring("k1", Map.of("k1", K1));
        AesGcmFieldCipher service = new AesGcmFieldCipher(ring);
        AesGcmPersonalDataKeys keys = keys(ring);
        FieldCipher cipher = keys.cipherFor(ANN, keys.newWrappedKey(ANN));
        String serviceValue = service.encrypt("legacy@example.com", email(ANN));
        assertEquals("legacy@example.com", cipher.decrypt(serviceValue, email(ANN)));
        assertTrue(cipher.needsReencryption(serviceValue));
        assertEquals("plain@example.com", cipher.decrypt("plain@example.com", email(ANN)));
        assertTrue(cipher.needsReencryption("plain@example.com"));
    }

    @Test
    void tamperedValuesFail() {
        AesGcmPersonalDataKeys keys = keys(ring("k1", Map.of("k1", K1)));
        FieldCipher cipher = keys.cipherFor(ANN, keys.newWrappedKey(ANN));
        String stored = cipher.encrypt("ann@example.com", email(ANN));
        assertThrows(CipherFailure.class, () -> cipher.decrypt(stored, new FieldContext("users", ANN.value(), "phone")));
        String relabelled = stored.replace("pb1:dek:", "pb1:k1:");
        assertThrows(CipherFailure.class, () -> cipher.decrypt(relabelled, email(ANN)));
        int at = stored.length() - 10; // inside the body, away from the last character's padding bits
        String flipped = stored.substring(0, at) + (stored.charAt(at) == 'A' ? 'B' : 'A') + stored.substring(at + 1);
        assertThrows(CipherFailure.class, () -> cipher.decrypt(flipped, email(ANN)));
    }

    @Test
    void rotationRewrapsTheSameDataKeyUnderTheNewPrimary() {
        AesGcmPersonalDataKeys before = keys(ring("k1", Map.of("k1", K1)));
        String wrapped = before.newWrappedKey(ANN);
        String stored = before.cipherFor(ANN, wrapped).encrypt("ann@example.com", email(ANN));

        Map<String, byte[]> both = new LinkedHashMap<>();
        both.put("k2", K2);
        both.put("k1", K1);
        AesGcmPersonalDataKeys after = keys(ring("k2", both));
        assertFalse(after.isWrappedUnderPrimary(wrapped));
        String rewrapped = after.rewrap(ANN, wrapped);
        assertTrue(rewrapped.startsWith("pbk1:k2:"));
        assertTrue(after.isWrappedUnderPrimary(rewrapped));
        assertSame(rewrapped, after.rewrap(ANN, rewrapped), "already current: unchanged");
        // The data key did not change, so personal values need no re-encryption.
        assertEquals("ann@example.com", after.cipherFor(ANN, rewrapped).decrypt(stored, email(ANN)));
        // Once k1 is retired, only the rewrapped key opens.
        AesGcmPersonalDataKeys retired = keys(ring("k2", Map.of("k2", K2)));
        assertThrows(CipherFailure.class, () -> retired.cipherFor(ANN, wrapped));
        assertEquals("ann@example.com", retired.cipherFor(ANN, rewrapped).decrypt(stored, email(ANN)));
    }

    @Test
    void malformedWrappedKeysAndTheReservedIdAreRejected() {
        AesGcmPersonalDataKeys keys = keys(ring("k1", Map.of("k1", K1)));
        assertThrows(CipherFailure.class, () -> keys.cipherFor(ANN, "pbk1:k1:!!"));
        assertThrows(CipherFailure.class, () -> keys.cipherFor(ANN, "plain"));
        assertThrows(CipherFailure.class, () -> keys.cipherFor(ANN, "pbk1:k9:" + "A".repeat(80)));
        assertThrows(IllegalArgumentException.class, () -> keys(ring("dek", Map.of("dek", K1))));
        assertNotEquals(keys.newWrappedKey(ANN), keys.newWrappedKey(ANN));
    }

    /** The port's contract, which the test stand-in keeps too. */
    @Nested
    class Contract extends PersonalDataKeysContract {
        private final KeyRing ring = ring("k1", Map.of("k1", K1, "k2", K2));

        @Override
        protected PersonalDataKeys createKeys() {
            return keys(ring);
        }

        @Override
        protected FieldCipher serviceCipher() {
            return new AesGcmFieldCipher(ring);
        }
    }
}

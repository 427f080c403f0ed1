package io.playerbase.domain.shared;

import io.playerbase.domain.shared.FieldCipher.CipherFailure;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link PersonalDataKeys} keeps, the test stand-in included: a user's values read only
 * under their own data key, and values from before the user had one still read and are due for
 * re-encryption.
 */
public abstract class PersonalDataKeysContract {

    protected static final UserId ANN = new UserId("650000000000000000000001");
    protected static final UserId BOB = new UserId("650000000000000000000002");
    protected static final FieldContext PHONE = new FieldContext("users", ANN.value(), "phone");

    protected PersonalDataKeys keys;

    protected abstract PersonalDataKeys createKeys();

    /** The service cipher of the same setup: what personal fields were encrypted with before data keys. */
    protected abstract FieldCipher serviceCipher();

    @BeforeEach
    void startKeys() {
        keys = createKeys();
    }

    @Test
    void aUsersValuesReadUnderTheirDataKeyOnly() {
        String annKey = keys.newWrappedKey(ANN);
        assertTrue(keys.isWrappedUnderPrimary(annKey));
        FieldCipher ann = keys.cipherFor(ANN, annKey);
        String stored = ann.encrypt("+1 555 0100", PHONE);
        assertEquals("+1 555 0100", ann.decrypt(stored, PHONE));
        assertEquals("+1 555 0100", keys.cipherFor(ANN, annKey).decrypt(stored, PHONE), "the same key, again");
        assertFalse(ann.needsReencryption(stored));

        FieldCipher otherKey = keys.cipherFor(ANN, keys.newWrappedKey(ANN));
        assertThrows(CipherFailure.class, () -> otherKey.decrypt(stored, PHONE), "a new data key of the same user");
        String bobKey = keys.newWrappedKey(BOB);
        assertThrows(CipherFailure.class, () -> keys.cipherFor(ANN, bobKey).decrypt(stored, PHONE), "another user's key");
    }

    @Test
    void valuesFromBeforeTheDataKeyStillReadAndAreDue() {
        FieldCipher ann = keys.cipherFor(ANN, keys.newWrappedKey(ANN));
        String underServiceKey = serviceCipher().encrypt("+1 555 0100", PHONE);
        assertEquals("+1 555 0100", ann.decrypt(underServiceKey, PHONE));
        assertTrue(ann.needsReencryption(underServiceKey));
        assertEquals("+1 555 0100", ann.decrypt("+1 555 0100", PHONE), "legacy plaintext");
        assertTrue(ann.needsReencryption("+1 555 0100"));
    }

    @Test
    void aRewrappedKeyReadsWhatTheOldOneWrote() {
        String annKey = keys.newWrappedKey(ANN);
        String stored = keys.cipherFor(ANN, annKey).encrypt("+1 555 0100", PHONE);
        String rewrapped = keys.rewrap(ANN, annKey);
        assertTrue(keys.isWrappedUnderPrimary(rewrapped));
        keys.forget(ANN);
        assertEquals("+1 555 0100", keys.cipherFor(ANN, rewrapped).decrypt(stored, PHONE));
    }
}

package io.playerbase.adapters.mongo.user;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeFieldCipher;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data key that does not open: the account's values under it are unreadable, nothing else is. */
class DataKeyCiphersTest {

    private static final UserId USER = new UserId("65a000000000000000000001");
    private static final FieldContext ADDRESS = new FieldContext("users", USER.value(), "address");

    private final FakeFieldCipher service = new FakeFieldCipher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Data keys whose every wrapped key fails, as a corrupt or foreign {@code user_keys} document does. */
    private final PersonalDataKeys broken = new PersonalDataKeys() {
        @Override
        public String newWrappedKey(UserId owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FieldCipher cipherFor(UserId owner, String wrappedKey) {
            throw new FieldCipher.CipherFailure("The data key of user " + owner + " failed authentication");
        }

        @Override
        public boolean isWrappedUnderPrimary(String wrappedKey) {
            return true;
        }

        @Override
        public String rewrap(UserId owner, String wrappedKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forget(UserId owner) {
        }
    };

    private final FieldCipher cipher = DataKeyCiphers.open(broken, service, new UnreadableValues(meters), USER, "pb1:k1:corrupt");

    @Test
    void theBrokenKeyIsReportedAndValuesUnderItAreUnreadable() {
        assertEquals(1.0, meters.get("playerbase.stored.data.unreadable").tag("collection", "user_keys")
                .tag("field", "wrapped_key").counter().count());
        // The real service cipher takes every value of the ciphertext format, data-key ones included, as
        // its own and fails on them; here a service ciphertext bound to another field stands in.
        String elsewhere = service.encrypt("1 Main Street", new FieldContext("users", USER.value(), "phone"));
        FieldCipher.CipherFailure failure = assertThrows(FieldCipher.CipherFailure.class,
                () -> cipher.decrypt(elsewhere, ADDRESS));
        assertTrue(failure.getMessage().startsWith("the user's data key cannot be unwrapped"), failure.getMessage());
    }

    @Test
    void valuesThatDoNotNeedTheKeyStayReadable() {
        assertEquals("1 Main Street", cipher.decrypt(service.encrypt("1 Main Street", ADDRESS), ADDRESS), "a service-key value");
        assertEquals("legacy text", cipher.decrypt("legacy text", ADDRESS), "legacy plaintext");
        assertFalse(cipher.needsReencryption("legacy text"), "nothing is re-encrypted under a key that does not open");
    }

    @Test
    void nothingCanBeWrittenUnderIt() {
        StoredDataUnreadable refused = assertThrows(StoredDataUnreadable.class, () -> cipher.encrypt("new value", ADDRESS));
        assertEquals("data_key", refused.field());
    }
}

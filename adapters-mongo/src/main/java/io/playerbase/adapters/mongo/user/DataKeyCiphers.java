package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.UserId;

/**
 * A user's personal cipher from their wrapped data key ({@code user_keys}), contained: a key that
 * cannot be unwrapped (corrupt, another user's, wrapped under a master key this service lacks) is
 * reported (ERROR line and metric, collection {@code user_keys}, field {@code wrapped_key}) and gives a
 * cipher that still reads what does not need the key (values from before the user had one, legacy
 * plaintext) and fails the rest like any unreadable value. So one corrupt key document makes that
 * account's personal fields unreadable, never the listing or the rest of the account.
 *
 * <p>Nothing can be written under a key that does not open: a new personal value is refused with 500
 * {@code stored-data-unreadable} naming {@code data_key}. The key is never replaced automatically: an
 * unknown master key is a configuration fault, and configuring that key brings every value back.
 */
final class DataKeyCiphers {

    static final String FIELD = "wrapped_key";
    static final String PROBLEM_FIELD = "data_key";

    private DataKeyCiphers() {
    }

    static FieldCipher open(PersonalDataKeys dataKeys, FieldCipher serviceCipher, UnreadableValues unreadableValues,
                            UserId user, String wrappedKey) {
        try {
            return dataKeys.cipherFor(user, wrappedKey);
        } catch (FieldCipher.CipherFailure e) {
            unreadableValues.report(UserDataKeys.COLLECTION, user.value(), FIELD, e.getMessage());
            return new Unopened(serviceCipher, e.getMessage());
        }
    }

    /** The cipher of a user whose data key does not open. */
    private record Unopened(FieldCipher serviceCipher, String reason) implements FieldCipher {

        @Override
        public String encrypt(String plaintext, FieldContext context) {
            throw new StoredDataUnreadable(PROBLEM_FIELD);
        }

        @Override
        public String decrypt(String stored, FieldContext context) {
            try {
                return serviceCipher.decrypt(stored, context);
            } catch (CipherFailure e) {
                throw new CipherFailure("the user's data key cannot be unwrapped (" + reason + ")");
            }
        }

        @Override
        public boolean isCiphertext(String stored) {
            return serviceCipher.isCiphertext(stored);
        }

        /** Nothing is re-encrypted under a key that does not open. */
        @Override
        public boolean needsReencryption(String stored) {
            return false;
        }

        @Override
        public String currentKeyId() {
            return serviceCipher.currentKeyId();
        }
    }
}

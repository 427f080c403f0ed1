package io.playerbase.adapters.mongo.user;

import io.playerbase.adapters.mongo.support.UnreadableValues;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UnopenedDataKeyCipher;
import io.playerbase.domain.shared.UserId;

/**
 * A user's personal cipher from their wrapped data key ({@code user_keys}), contained: a key that
 * cannot be unwrapped (corrupt, another user's, wrapped under a master key this service lacks) is
 * reported (ERROR line and metric, collection {@code user_keys}, field {@code wrapped_key}) and gives an
 * {@link UnopenedDataKeyCipher}: that account's values under the key are unreadable, never the listing
 * or the rest of the account. The key is never replaced automatically: an unknown master key is a
 * configuration fault, and configuring that key brings every value back.
 */
final class DataKeyCiphers {

    static final String FIELD = "wrapped_key";

    private DataKeyCiphers() {
    }

    static FieldCipher open(PersonalDataKeys dataKeys, FieldCipher serviceCipher, UnreadableValues unreadableValues,
                            UserId user, String wrappedKey) {
        try {
            return dataKeys.cipherFor(user, wrappedKey);
        } catch (FieldCipher.CipherFailure e) {
            unreadableValues.report(UserDataKeys.COLLECTION, user.value(), FIELD, e.getMessage());
            return new UnopenedDataKeyCipher(serviceCipher, e.getMessage());
        }
    }
}

package io.playerbase.domain.shared;

/**
 * The personal cipher of a user whose data key does not open (corrupt, another user's, wrapped under a
 * master key the service lacks): values that do not need the key (service-key ciphertexts from before
 * the user had one, legacy plaintext) read as usual, values under it fail like any unreadable value,
 * and nothing can be written under it (a new personal value is refused: {@link StoredDataUnreadable}
 * naming {@code data_key}). So one corrupt key takes down that account's personal fields, nothing more.
 *
 * @param serviceCipher the service cipher, which reads what does not need the data key
 * @param reason        why the key does not open (never the key itself)
 */
public record UnopenedDataKeyCipher(FieldCipher serviceCipher, String reason) implements FieldCipher {

    public static final String PROBLEM_FIELD = "data_key";

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

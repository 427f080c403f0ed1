package io.playerbase.domain.shared;

/**
 * Per-user data keys (crypto-shredding). A user's personal fields are encrypted under a key of their
 * own, stored only wrapped by the master key; destroying the wrapped key makes every copy of those
 * fields unreadable. Financial values use the service {@link FieldCipher} instead, so accounting
 * records survive an erasure.
 */
public interface PersonalDataKeys {

    /** A fresh random data key for the user, wrapped under the primary master key, ready to store. */
    String newWrappedKey(UserId owner);

    /**
     * The cipher of the user's personal fields: encrypts under their data key; decrypts values under
     * it, and also values written before the user had one (service-key ciphertexts, plaintext).
     * Unwrapped keys are cached in a bounded cache.
     */
    FieldCipher cipherFor(UserId owner, String wrappedKey);

    /** Whether the wrapped key is wrapped under the current primary master key. */
    boolean isWrappedUnderPrimary(String wrappedKey);

    /** The same data key wrapped under the primary master key (key rotation). */
    String rewrap(UserId owner, String wrappedKey);

    /** Drops the user's unwrapped key from memory (erasure). */
    void forget(UserId owner);
}

package io.playerbase.domain.shared;

import java.nio.charset.StandardCharsets;

/**
 * Encrypts single field values before they reach storage (AES-256-GCM in the crypto adapter).
 * The context is bound to the ciphertext as associated data: a ciphertext copied to another
 * document or field fails to decrypt.
 */
public interface FieldCipher {

    /** Encrypts under the current primary key; the result is a self-describing string carrying the key id. */
    String encrypt(String plaintext, FieldContext context);

    /**
     * Decrypts a value written by {@link #encrypt}. A value that is not a ciphertext at all (legacy
     * plaintext) is returned as it is; a ciphertext that fails authentication throws
     * {@link CipherFailure}, never returns garbage.
     */
    String decrypt(String stored, FieldContext context);

    /** Whether a stored value is a ciphertext of this cipher (as opposed to legacy plaintext). */
    boolean isCiphertext(String stored);

    /**
     * Whether a stored value should be encrypted again: legacy plaintext, or a ciphertext under a key
     * that is no longer the one new values get (key rotation).
     */
    boolean needsReencryption(String stored);

    /** The id of the key new values are encrypted with; when it changes, stored values are due for rotation. */
    String currentKeyId();

    /** Where a value lives: collection, document id and field path. */
    record FieldContext(String collection, String documentId, String field) {
        public byte[] associatedData() {
            return (collection + "\u0000" + documentId + "\u0000" + field).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Authentication of a ciphertext failed, or its key is unknown: a server-side fault. */
    final class CipherFailure extends RuntimeException {
        public CipherFailure(String message) {
            super(message);
        }

        public CipherFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

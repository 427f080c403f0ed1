package io.playerbase.adapters.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** Raw AES-GCM with a 128-bit tag; kept apart from the field format so it can be checked against published vectors. */
final class AesGcm {

    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private AesGcm() {
    }

    /** Returns ciphertext followed by the tag. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        GCMModeCipher gcm = init(true, key, nonce, associatedData);
        byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
        int written = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            // Encryption does not authenticate anything, so this cannot happen.
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Reverses {@link #seal}; throws when the tag does not match the key, nonce, associated data and ciphertext. */
    static byte[] open(byte[] key, byte[] nonce, byte[] associatedData, byte[] sealed) throws InvalidCipherTextException {
        GCMModeCipher gcm = init(false, key, nonce, associatedData);
        byte[] out = new byte[gcm.getOutputSize(sealed.length)];
        int written = gcm.processBytes(sealed, 0, sealed.length, out, 0);
        gcm.doFinal(out, written);
        return out;
    }

    private static GCMModeCipher init(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, associatedData));
        return gcm;
    }
}

package io.playerbase.adapters.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Raw AES-GCM with a 128-bit tag; kept apart from the field format so it can be checked against published vectors.
 *
 * <p>Runs on the JDK's provider, whose AES-GCM uses the processor's AES and carry-less multiply
 * instructions (BouncyCastle's GCM is table-driven Java, 2.5 times slower even without its set-up;
 * docs/benchmarks.md). {@code Cipher.getInstance} costs more than a whole small-field round trip, so
 * initialised {@code Cipher}s are reused: a small shared pool rather than a {@code ThreadLocal},
 * because requests run on virtual threads (one per request), where a thread-local would be created
 * again for every request. The format is the one BouncyCastle wrote: ciphertext followed by the tag.
 */
final class AesGcm {

    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    /** More than the carrier threads that can use a Cipher at once; a miss only costs a getInstance. */
    private static final ArrayBlockingQueue<Cipher> POOL =
            new ArrayBlockingQueue<>(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    private AesGcm() {
    }

    /** Returns ciphertext followed by the tag. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        sealInto(key, nonce, associatedData, plaintext, out, 0);
        return out;
    }

    /** Writes ciphertext and tag into {@code out} from {@code offset} (callers put the nonce in front). */
    static void sealInto(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext, byte[] out, int offset) {
        Cipher cipher = take();
        try {
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            GCMParameterSpec parameters = new GCMParameterSpec(TAG_LENGTH * 8, nonce);
            try {
                cipher.init(Cipher.ENCRYPT_MODE, spec, parameters);
            } catch (InvalidAlgorithmParameterException sameAsLastTime) {
                // A Cipher refuses the key and nonce of its own previous encryption. Nonces are random, so only
                // a caller that passes a nonce on purpose (the published test vectors) gets here: use a new one.
                cipher = newCipher();
                cipher.init(Cipher.ENCRYPT_MODE, spec, parameters);
            }
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, out, offset);
        } catch (GeneralSecurityException e) {
            // Encryption with a valid key and a fresh nonce authenticates nothing and cannot fail.
            throw new IllegalStateException(e);
        } finally {
            POOL.offer(cipher);
        }
    }

    /** Reverses {@link #seal}; throws when the tag does not match the key, nonce, associated data and ciphertext. */
    static byte[] open(byte[] key, byte[] nonce, byte[] associatedData, byte[] sealed) throws AEADBadTagException {
        return open(key, nonce, associatedData, sealed, 0, sealed.length);
    }

    /** {@link #open(byte[], byte[], byte[], byte[])} of {@code length} bytes of {@code sealed} from {@code offset}. */
    static byte[] open(byte[] key, byte[] nonce, byte[] associatedData, byte[] sealed, int offset, int length)
            throws AEADBadTagException {
        if (length < TAG_LENGTH) {
            throw new AEADBadTagException("shorter than the tag");
        }
        Cipher cipher = take();
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, offset, length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            POOL.offer(cipher);
        }
    }

    private static Cipher take() {
        Cipher cipher = POOL.poll();
        return cipher != null ? cipher : newCipher();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no AES/GCM/NoPadding", e);
        }
    }
}

package io.playerbase.adapters.crypto.jmh;

import io.playerbase.adapters.crypto.KeyRing;
import io.playerbase.domain.shared.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The proposed change to {@code AesGcmFieldCipher}, measured here and NOT production code: the same
 * format, key, associated data and BouncyCastle AES-GCM, but the GCM objects are reused instead of
 * being built per call. A {@code GCMBlockCipher} re-initialised with a new nonce and a {@code null}
 * key keeps its AES key schedule and its GHASH multiplication table (4 KiB, the bulk of the setup);
 * BouncyCastle still refuses an encryption that repeats the cipher's previous nonce.
 *
 * <p>The objects are not thread-safe, so they live in a bounded pool of workers (one
 * {@code GCMModeCipher} per key id each) rather than in a {@code ThreadLocal}: requests run on
 * Micronaut's BLOCKING executor, which is virtual threads on JDK 21+, one per request, so a
 * thread-local would never be reused. Optionally each worker also has its own DRBG for nonces,
 * which removes the lock that every caller of the shared default {@code SecureRandom} takes.
 */
final class PooledAesGcmFieldCipher implements FieldCipher {

    private static final String PREFIX = "pb1:";
    private static final String PURPOSE = "field-encryption";
    private static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int POOL_SIZE = 64;

    private final KeyRing ring;
    private final boolean workerRandom;
    private final SecureRandom sharedRandom = new SecureRandom();
    private final BlockingQueue<Worker> idle = new ArrayBlockingQueue<>(POOL_SIZE);

    /**
     * @param workerRandom nonces from a DRBG of each pooled worker ({@code true}) or from one shared
     *     default {@code SecureRandom} as production does ({@code false})
     */
    PooledAesGcmFieldCipher(KeyRing ring, boolean workerRandom) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.workerRandom = workerRandom;
    }

    @Override
    public String encrypt(String plaintext, FieldContext context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        String keyId = ring.primaryKeyId();
        String header = PREFIX + keyId + ":";
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] aad = associatedData(header, context);
        Worker worker = take();
        byte[] body;
        try {
            byte[] nonce = new byte[NONCE_LENGTH];
            (workerRandom ? worker.random : sharedRandom).nextBytes(nonce);
            GCMModeCipher gcm = worker.init(true, keyId, nonce, aad);
            body = new byte[NONCE_LENGTH + gcm.getOutputSize(input.length)];
            System.arraycopy(nonce, 0, body, 0, NONCE_LENGTH);
            int written = gcm.processBytes(input, 0, input.length, body, NONCE_LENGTH);
            gcm.doFinal(body, NONCE_LENGTH + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        } finally {
            // The next init resets the GCM state whatever happened; a full pool drops the worker.
            idle.offer(worker);
        }
        return header + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
    }

    @Override
    public String decrypt(String stored, FieldContext context) {
        Objects.requireNonNull(context, "context");
        if (!isCiphertext(stored)) {
            return stored;
        }
        int headerEnd = stored.indexOf(':', PREFIX.length());
        if (headerEnd < 0) {
            throw new CipherFailure("no key id");
        }
        String keyId = stored.substring(PREFIX.length(), headerEnd);
        if (!ring.keyIds().contains(keyId)) {
            throw new CipherFailure("unknown key id");
        }
        String header = PREFIX + keyId + ":";
        byte[] body;
        try {
            body = Base64.getUrlDecoder().decode(stored.substring(header.length()));
        } catch (IllegalArgumentException e) {
            throw new CipherFailure("body is not base64url");
        }
        if (body.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new CipherFailure("body is too short");
        }
        byte[] nonce = Arrays.copyOfRange(body, 0, NONCE_LENGTH);
        byte[] aad = associatedData(header, context);
        Worker worker = take();
        byte[] out;
        try {
            GCMModeCipher gcm = worker.init(false, keyId, nonce, aad);
            int length = body.length - NONCE_LENGTH;
            out = new byte[gcm.getOutputSize(length)];
            int written = gcm.processBytes(body, NONCE_LENGTH, length, out, 0);
            gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new CipherFailure("authentication failed");
        } finally {
            idle.offer(worker);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public boolean needsReencryption(String stored) {
        return stored != null && !stored.startsWith("pb1:" + ring.primaryKeyId() + ":");
    }

    @Override
    public String currentKeyId() {
        return ring.primaryKeyId();
    }

    @Override
    public boolean isCiphertext(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    private Worker take() {
        Worker worker = idle.poll();
        return worker != null ? worker : new Worker();
    }

    private static byte[] associatedData(String header, FieldContext context) {
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        byte[] where = context.associatedData();
        byte[] aad = new byte[head.length + where.length];
        System.arraycopy(head, 0, aad, 0, head.length);
        System.arraycopy(where, 0, aad, head.length, where.length);
        return aad;
    }

    /** Used by one caller at a time (taken from and given back to the pool). */
    private final class Worker {

        private final Map<String, GCMModeCipher> byKeyId = new HashMap<>();
        private final SecureRandom random;

        Worker() {
            try {
                random = workerRandom ? SecureRandom.getInstance("DRBG") : null;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        GCMModeCipher init(boolean encrypt, String keyId, byte[] nonce, byte[] aad) {
            GCMModeCipher gcm = byKeyId.get(keyId);
            if (gcm == null) {
                gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
                gcm.init(encrypt, new AEADParameters(new KeyParameter(ring.derive(keyId, PURPOSE, KEY_LENGTH)), TAG_BITS, nonce, aad));
                byKeyId.put(keyId, gcm);
            } else {
                // No key: BouncyCastle keeps the AES key schedule and the GHASH table of the previous init.
                gcm.init(encrypt, new AEADParameters(null, TAG_BITS, nonce, aad));
            }
            return gcm;
        }
    }
}

package io.playerbase.adapters.crypto.jmh;

import io.playerbase.adapters.crypto.KeyRing;
import io.playerbase.domain.shared.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The comparison point: {@code AesGcmFieldCipher}'s format and steps, step for step, with the JDK's
 * {@code AES/GCM/NoPadding} (SunJCE, AES-NI / CLMUL intrinsics) in place of BouncyCastle's GCM.
 * Same derived 256-bit key, a fresh 96-bit nonce from a shared {@link SecureRandom}, 128-bit tag,
 * same associated data ({@code pb1:<keyId>:} then the field context) and the same
 * {@code pb1:<keyId>:base64url(nonce || ciphertext || tag)} output, so both read each other's values
 * (checked in each benchmark's setup). Like the production class it creates and initialises a cipher
 * object per call.
 */
final class JdkAesGcmFieldCipher implements FieldCipher {

    private static final String PREFIX = "pb1:";
    private static final String PURPOSE = "field-encryption";
    private static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing ring;
    private final SecureRandom random = new SecureRandom();

    JdkAesGcmFieldCipher(KeyRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    @Override
    public String encrypt(String plaintext, FieldContext context) {
        String keyId = ring.primaryKeyId();
        String header = PREFIX + keyId + ":";
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = new byte[NONCE_LENGTH];
            random.nextBytes(nonce);
            gcm.init(Cipher.ENCRYPT_MODE, key(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(associatedData(header, context));
            byte[] body = new byte[NONCE_LENGTH + gcm.getOutputSize(input.length)];
            System.arraycopy(nonce, 0, body, 0, NONCE_LENGTH);
            gcm.doFinal(input, 0, input.length, body, NONCE_LENGTH);
            return header + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String decrypt(String stored, FieldContext context) {
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
        byte[] body = Base64.getUrlDecoder().decode(stored.substring(header.length()));
        if (body.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new CipherFailure("body is too short");
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key(keyId), new GCMParameterSpec(TAG_BITS, body, 0, NONCE_LENGTH));
            gcm.updateAAD(associatedData(header, context));
            return new String(gcm.doFinal(body, NONCE_LENGTH, body.length - NONCE_LENGTH), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CipherFailure("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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

    private SecretKeySpec key(String keyId) {
        return new SecretKeySpec(ring.derive(keyId, PURPOSE, KEY_LENGTH), "AES");
    }

    private static byte[] associatedData(String header, FieldContext context) {
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        byte[] where = context.associatedData();
        byte[] aad = new byte[head.length + where.length];
        System.arraycopy(head, 0, aad, 0, head.length);
        System.arraycopy(where, 0, aad, head.length, where.length);
        return aad;
    }
}

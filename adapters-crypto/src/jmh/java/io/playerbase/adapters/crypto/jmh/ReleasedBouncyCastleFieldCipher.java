package io.playerbase.adapters.crypto.jmh;

import io.playerbase.adapters.crypto.KeyRing;
import io.playerbase.domain.shared.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The "before" of issue 17: {@code AesGcmFieldCipher} as the previous release had it, step for step —
 * BouncyCastle's GCM with a new {@code AESEngine} and {@code GCMBlockCipher} initialised per value —
 * so that the production cipher (the JDK's AES-GCM with reused {@code Cipher}s) is measured against
 * it in the same run. Same format, so both read each other's values (checked in the setup).
 */
final class ReleasedBouncyCastleFieldCipher implements FieldCipher {

    private static final String PREFIX = "pb1:";
    private static final String PURPOSE = "field-encryption";
    private static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing ring;
    private final SecureRandom random = new SecureRandom();

    ReleasedBouncyCastleFieldCipher(KeyRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    @Override
    public String encrypt(String plaintext, FieldContext context) {
        String keyId = ring.primaryKeyId();
        String header = PREFIX + keyId + ":";
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        GCMModeCipher gcm = init(true, ring.derive(keyId, PURPOSE, KEY_LENGTH), nonce, associatedData(header, context));
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int written = gcm.processBytes(input, 0, input.length, out, 0);
        try {
            gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        byte[] body = new byte[NONCE_LENGTH + out.length];
        System.arraycopy(nonce, 0, body, 0, NONCE_LENGTH);
        System.arraycopy(out, 0, body, NONCE_LENGTH, out.length);
        return header + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
    }

    @Override
    public String decrypt(String stored, FieldContext context) {
        int headerEnd = stored.indexOf(':', PREFIX.length());
        String keyId = stored.substring(PREFIX.length(), headerEnd);
        String header = PREFIX + keyId + ":";
        byte[] body = Base64.getUrlDecoder().decode(stored.substring(header.length()));
        byte[] nonce = Arrays.copyOfRange(body, 0, NONCE_LENGTH);
        byte[] sealed = Arrays.copyOfRange(body, NONCE_LENGTH, body.length);
        GCMModeCipher gcm = init(false, ring.derive(keyId, PURPOSE, KEY_LENGTH), nonce, associatedData(header, context));
        byte[] out = new byte[gcm.getOutputSize(sealed.length)];
        int written = gcm.processBytes(sealed, 0, sealed.length, out, 0);
        try {
            gcm.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new CipherFailure("authentication failed");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static GCMModeCipher init(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
        return gcm;
    }

    private static byte[] associatedData(String header, FieldContext context) {
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        byte[] rest = context.associatedData();
        byte[] all = Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    @Override
    public boolean isCiphertext(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    @Override
    public String currentKeyId() {
        return ring.primaryKeyId();
    }

    @Override
    public boolean needsReencryption(String stored) {
        return false;
    }
}

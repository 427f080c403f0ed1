package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.util.Arrays;

/**
 * AES-256-GCM field encryption. A stored value reads {@code pb1:<keyId>:<body>} where body is
 * base64url (no padding) of {@code nonce(12) || ciphertext || tag(16)}. The associated data is the
 * header {@code pb1:<keyId>:} followed by {@link FieldContext#associatedData()}, so a value moved to
 * another collection, document or field, or relabelled with another key id, fails authentication.
 * Each master key id has its own derived encryption key; new values use the primary, old values
 * decrypt with whichever live key their header names.
 */
public final class AesGcmFieldCipher implements FieldCipher {

    private static final String PREFIX = "pb1:";

    private static final String PURPOSE = "field-encryption";
    private static final int KEY_LENGTH = 32;

    private final String primaryKeyId;
    /** The AES key of a key id, or {@code null} for an id this cipher does not hold. */
    private final Function<String, byte[]> keys;
    private final SecureRandom random = new SecureRandom();

    /** The service cipher: one derived key per master key id, the primary encrypts. */
    public AesGcmFieldCipher(KeyRing ring) {
        this(ring.primaryKeyId(), keyId -> ring.keyIds().contains(keyId) ? ring.derive(keyId, PURPOSE, KEY_LENGTH) : null);
    }

    /** A cipher over explicitly given keys (a user's data key, see {@link AesGcmPersonalDataKeys}). */
    AesGcmFieldCipher(String primaryKeyId, Function<String, byte[]> keys) {
        this.primaryKeyId = Objects.requireNonNull(primaryKeyId, "primaryKeyId");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public String encrypt(String plaintext, FieldContext context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        String keyId = primaryKeyId;
        String header = PREFIX + keyId + ":";
        // A random 96-bit nonce per value: collisions stay negligible far beyond the values one key will protect.
        byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] utf8 = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[AesGcm.NONCE_LENGTH + utf8.length + AesGcm.TAG_LENGTH];
        System.arraycopy(nonce, 0, body, 0, AesGcm.NONCE_LENGTH);
        AesGcm.sealInto(keys.apply(keyId), nonce, associatedData(header, context), utf8, body, AesGcm.NONCE_LENGTH);
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
            throw failure("no key id", context);
        }
        String keyId = stored.substring(PREFIX.length(), headerEnd);
        byte[] key = keys.apply(keyId);
        if (key == null) {
            // Only a well-formed id is echoed: anything else may be a fragment of a value.
            throw failure(KeyRing.isValidKeyId(keyId) ? "unknown key id '" + keyId + "'" : "malformed key id", context);
        }
        String header = PREFIX + keyId + ":";
        byte[] body;
        try {
            body = Base64.getUrlDecoder().decode(stored.substring(header.length()));
        } catch (IllegalArgumentException e) {
            throw failure("body is not base64url", context);
        }
        if (body.length < AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH) {
            throw failure("body is too short", context);
        }
        byte[] nonce = Arrays.copyOfRange(body, 0, AesGcm.NONCE_LENGTH);
        try {
            return new String(AesGcm.open(key, nonce, associatedData(header, context), body, AesGcm.NONCE_LENGTH,
                    body.length - AesGcm.NONCE_LENGTH), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw failure("authentication failed", context);
        }
    }

    @Override
    public boolean isCiphertext(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The key id a ciphertext was made with, or {@code null} for legacy plaintext; lets rotation find stale values. */
    public String keyIdOf(String stored) {
        if (!isCiphertext(stored)) {
            return null;
        }
        int end = stored.indexOf(':', PREFIX.length());
        if (end < 0) {
            throw new CipherFailure("Malformed ciphertext: no key id");
        }
        return stored.substring(PREFIX.length(), end);
    }

    @Override
    public String currentKeyId() {
        return primaryKeyId;
    }

    /** Plaintext and values under a non-primary key are re-encrypted by rotation. */
    @Override
    public boolean needsReencryption(String stored) {
        return stored != null && !primaryKeyId.equals(keyIdOf(stored));
    }

    private static byte[] associatedData(String header, FieldContext context) {
        return Arrays.concatenate(header.getBytes(StandardCharsets.UTF_8), context.associatedData());
    }

    // Names where the value lives, never the value or a key: safe for logs.
    private static CipherFailure failure(String reason, FieldContext context) {
        return new CipherFailure("Cannot decrypt " + context.collection() + "/" + context.documentId() + "/"
                + context.field() + ": " + reason);
    }
}

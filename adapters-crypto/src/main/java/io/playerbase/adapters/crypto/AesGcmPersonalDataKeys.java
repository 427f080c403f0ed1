package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;
import org.bouncycastle.util.Arrays;

import javax.crypto.AEADBadTagException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-user data keys: 32 random bytes each, wrapped with AES-256-GCM under a key-encryption key
 * derived from a master key ({@code data-key-wrapping}). A wrapped key reads
 * {@code pbk1:<master key id>:<base64url(nonce || wrapped key || tag)>}; its associated data binds it
 * to its owner, so a wrapped key copied to another user does not unwrap.
 *
 * <p>Personal values encrypted under a data key are ordinary {@code pb1:} ciphertexts whose key id is
 * {@value #DATA_KEY_ID}; that id is reserved and may not name a master key.
 */
public final class AesGcmPersonalDataKeys implements PersonalDataKeys {

    static final String DATA_KEY_ID = "dek";
    private static final String PREFIX = "pbk1:";
    private static final String PURPOSE = "data-key-wrapping";

    private final KeyRing ring;
    private final FieldCipher serviceCipher;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, FieldCipher> unwrapped;

    /**
     * @param serviceCipher decrypts personal values written before their owner had a data key
     * @param cacheSize     how many unwrapped keys stay in memory (least recently used go first)
     */
    public AesGcmPersonalDataKeys(KeyRing ring, FieldCipher serviceCipher, int cacheSize) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.serviceCipher = Objects.requireNonNull(serviceCipher, "serviceCipher");
        if (ring.keyIds().contains(DATA_KEY_ID)) {
            throw new IllegalArgumentException("The master key id '" + DATA_KEY_ID + "' is reserved for data keys");
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be at least 1");
        }
        this.unwrapped = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FieldCipher> eldest) {
                return size() > cacheSize;
            }
        };
    }

    @Override
    public String newWrappedKey(UserId owner) {
        byte[] dataKey = new byte[KeyRing.KEY_LENGTH];
        random.nextBytes(dataKey);
        try {
            return wrap(owner, dataKey, ring.primaryKeyId());
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public FieldCipher cipherFor(UserId owner, String wrappedKey) {
        String cacheKey = owner.value() + "|" + wrappedKey;
        synchronized (unwrapped) {
            FieldCipher cached = unwrapped.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        byte[] dataKey = unwrap(owner, wrappedKey);
        FieldCipher cipher = new PersonalFieldCipher(
                new AesGcmFieldCipher(DATA_KEY_ID, keyId -> DATA_KEY_ID.equals(keyId) ? dataKey : null), serviceCipher);
        synchronized (unwrapped) {
            unwrapped.put(cacheKey, cipher);
        }
        return cipher;
    }

    @Override
    public boolean isWrappedUnderPrimary(String wrappedKey) {
        return ring.primaryKeyId().equals(parse(wrappedKey).keyId());
    }

    @Override
    public String rewrap(UserId owner, String wrappedKey) {
        if (isWrappedUnderPrimary(wrappedKey)) {
            return wrappedKey;
        }
        byte[] dataKey = unwrap(owner, wrappedKey);
        return wrap(owner, dataKey, ring.primaryKeyId());
    }

    @Override
    public void forget(UserId owner) {
        String prefix = owner.value() + "|";
        synchronized (unwrapped) {
            unwrapped.keySet().removeIf(key -> key.startsWith(prefix));
        }
    }

    private String wrap(UserId owner, byte[] dataKey, String keyId) {
        String header = PREFIX + keyId + ":";
        byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] sealed = AesGcm.seal(keyEncryptionKey(keyId), nonce, associatedData(header, owner), dataKey);
        return header + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.concatenate(nonce, sealed));
    }

    private byte[] unwrap(UserId owner, String wrappedKey) {
        Parsed parsed = parse(wrappedKey);
        if (!ring.keyIds().contains(parsed.keyId())) {
            throw new FieldCipher.CipherFailure("The data key of user " + owner + " is wrapped under an unknown master key");
        }
        try {
            byte[] dataKey = AesGcm.open(keyEncryptionKey(parsed.keyId()), parsed.nonce(),
                    associatedData(PREFIX + parsed.keyId() + ":", owner), parsed.sealed());
            if (dataKey.length != KeyRing.KEY_LENGTH) {
                throw new FieldCipher.CipherFailure("The data key of user " + owner + " has the wrong length");
            }
            return dataKey;
        } catch (AEADBadTagException e) {
            throw new FieldCipher.CipherFailure("The data key of user " + owner + " failed authentication");
        }
    }

    private byte[] keyEncryptionKey(String keyId) {
        return ring.derive(keyId, PURPOSE, KeyRing.KEY_LENGTH);
    }

    private static byte[] associatedData(String header, UserId owner) {
        return (header + "user-data-key:" + owner.value()).getBytes(StandardCharsets.UTF_8);
    }

    private record Parsed(String keyId, byte[] nonce, byte[] sealed) {
    }

    private static Parsed parse(String wrappedKey) {
        if (wrappedKey == null || !wrappedKey.startsWith(PREFIX)) {
            throw new FieldCipher.CipherFailure("Not a wrapped data key");
        }
        int end = wrappedKey.indexOf(':', PREFIX.length());
        if (end < 0) {
            throw new FieldCipher.CipherFailure("Malformed wrapped data key");
        }
        byte[] body;
        try {
            body = Base64.getUrlDecoder().decode(wrappedKey.substring(end + 1));
        } catch (IllegalArgumentException e) {
            throw new FieldCipher.CipherFailure("Malformed wrapped data key");
        }
        if (body.length != AesGcm.NONCE_LENGTH + KeyRing.KEY_LENGTH + AesGcm.TAG_LENGTH) {
            throw new FieldCipher.CipherFailure("Malformed wrapped data key");
        }
        return new Parsed(wrappedKey.substring(PREFIX.length(), end),
                Arrays.copyOfRange(body, 0, AesGcm.NONCE_LENGTH), Arrays.copyOfRange(body, AesGcm.NONCE_LENGTH, body.length));
    }

    /**
     * Encrypts under the user's data key; decrypts data-key values itself and hands everything else
     * (values from before the user had a data key) to the service cipher.
     */
    private record PersonalFieldCipher(AesGcmFieldCipher dataKeyCipher, FieldCipher serviceCipher) implements FieldCipher {

        @Override
        public String encrypt(String plaintext, FieldContext context) {
            return dataKeyCipher.encrypt(plaintext, context);
        }

        @Override
        public String decrypt(String stored, FieldContext context) {
            return DATA_KEY_ID.equals(dataKeyCipher.keyIdOf(stored))
                    ? dataKeyCipher.decrypt(stored, context)
                    : serviceCipher.decrypt(stored, context);
        }

        @Override
        public boolean isCiphertext(String stored) {
            return dataKeyCipher.isCiphertext(stored);
        }

        @Override
        public String currentKeyId() {
            return DATA_KEY_ID;
        }

        /** Anything not under the data key (plaintext, service-key values) moves under it. */
        @Override
        public boolean needsReencryption(String stored) {
            return dataKeyCipher.needsReencryption(stored);
        }
    }
}

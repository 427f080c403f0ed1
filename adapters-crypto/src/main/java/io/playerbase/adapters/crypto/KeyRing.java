package io.playerbase.adapters.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The live master keys, by key id, one of them primary: new values are protected with the primary,
 * old values stay readable with any key still in the ring. Master keys are never used directly;
 * every purpose gets its own key derived with HKDF-SHA256.
 *
 * <p>Text format (the value of {@code playerbase.crypto.master-key} / {@code
 * PLAYERBASE_CRYPTO_MASTER_KEY}, see {@link #parse}):
 *
 * <ul>
 *   <li>a bare base64 string of 32 bytes: a single key with id {@code k1};
 *   <li>or {@code id1:base64,id2:base64,...}: several keys, the <b>first</b> one is the primary.
 * </ul>
 *
 * Key ids match {@code [A-Za-z0-9_-]{1,32}}; keys are standard base64 of exactly 32 random bytes
 * (e.g. {@code openssl rand -base64 32}). To rotate, put the new key first and keep the old ones
 * after it until every value has been re-encrypted.
 */
public final class KeyRing {

    /** Id of the key given in the bare (single key) format. */
    private static final String DEFAULT_KEY_ID = "k1";

    static final int KEY_LENGTH = 32;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final byte[] HKDF_SALT = "playerbase-hkdf-v1".getBytes(StandardCharsets.US_ASCII);

    private final String primaryKeyId;
    private final Map<String, byte[]> keys;
    private final Map<Derivation, byte[]> derived = new ConcurrentHashMap<>();

    private KeyRing(String primaryKeyId, Map<String, byte[]> keys) {
        this.primaryKeyId = primaryKeyId;
        this.keys = keys;
    }

    /** A ring of the given keys (copied); {@code primaryKeyId} must be one of them. */
    public static KeyRing of(String primaryKeyId, Map<String, byte[]> keys) {
        Objects.requireNonNull(primaryKeyId, "primaryKeyId");
        Objects.requireNonNull(keys, "keys");
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((keyId, key) -> {
            requireValidKeyId(keyId);
            if (key == null || key.length != KEY_LENGTH) {
                throw new IllegalArgumentException("Master key '" + keyId + "' must be exactly " + KEY_LENGTH + " bytes");
            }
            copy.put(keyId, key.clone());
        });
        if (!copy.containsKey(primaryKeyId)) {
            throw new IllegalArgumentException("Primary key id '" + primaryKeyId + "' is not in the key ring");
        }
        return new KeyRing(primaryKeyId, Collections.unmodifiableMap(copy));
    }

    /**
     * Parses the text format described on the class. Error messages name key ids and positions,
     * never key material.
     */
    public static KeyRing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Master key is empty");
        }
        String trimmed = spec.strip();
        // Base64 never contains ':' or ',', so either one marks the list format.
        if (trimmed.indexOf(':') < 0 && trimmed.indexOf(',') < 0) {
            return of(DEFAULT_KEY_ID, Map.of(DEFAULT_KEY_ID, decodeKey(DEFAULT_KEY_ID, trimmed)));
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String primary = null;
        String[] entries = trimmed.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Master key entry " + (i + 1) + " is not of the form id:base64");
            }
            String keyId = entry.substring(0, colon).strip();
            requireValidKeyId(keyId);
            if (keys.containsKey(keyId)) {
                throw new IllegalArgumentException("Master key id '" + keyId + "' appears more than once");
            }
            keys.put(keyId, decodeKey(keyId, entry.substring(colon + 1).strip()));
            if (primary == null) {
                primary = keyId;
            }
        }
        return of(primary, keys);
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** The ids of all live keys, the order they were given in. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /**
     * A key of {@code length} bytes for one purpose, derived from the master key {@code keyId} with
     * HKDF-SHA256 (info = purpose). Deterministic, so it is cached; callers get their own copy.
     */
    public byte[] derive(String keyId, String purpose, int length) {
        Objects.requireNonNull(purpose, "purpose");
        byte[] master = keys.get(keyId);
        if (master == null) {
            throw new IllegalArgumentException("Unknown key id '" + keyId + "'");
        }
        byte[] key = derived.computeIfAbsent(new Derivation(keyId, purpose, length),
                d -> hkdfSha256(master, HKDF_SALT, purpose.getBytes(StandardCharsets.UTF_8), length));
        return key.clone();
    }

    @Override
    public String toString() {
        return "KeyRing[primary=" + primaryKeyId + ", keyIds=" + keys.keySet() + "]";
    }

    /** RFC 5869 HKDF with SHA-256 (extract then expand). */
    static byte[] hkdfSha256(byte[] inputKey, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(inputKey, salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    static boolean isValidKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    private static void requireValidKeyId(String keyId) {
        if (!isValidKeyId(keyId)) {
            throw new IllegalArgumentException("Master key id must match " + KEY_ID.pattern());
        }
    }

    private static byte[] decodeKey(String keyId, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: leave it (and the cause) out.
            throw new IllegalArgumentException("Master key '" + keyId + "' is not valid base64");
        }
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("Master key '" + keyId + "' must be exactly " + KEY_LENGTH + " bytes, got " + key.length);
        }
        return key;
    }

    private record Derivation(String keyId, String purpose, int length) {
    }
}

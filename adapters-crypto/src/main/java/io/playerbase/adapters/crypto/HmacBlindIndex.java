package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.BlindIndex;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Blind index: HMAC-SHA256 of the normalized value, stored as {@code <key id>:<64 lower-case hex>}.
 * Each purpose has its own key ({@code blind-index:<purpose>} derived from a master key), so equal
 * values under different purposes (an email used as a username) do not reveal each other.
 *
 * <p>Index-key rotation, side by side: with a next key configured, values are stored with an entry
 * under the current and the next key and the re-encryption pass adds the next key's entry to every
 * stored value; once it has, the next key becomes the current one and the pass drops the old entries.
 * Lookups try every key of the ring, so they find a value at any point of the procedure.
 */
public final class HmacBlindIndex implements BlindIndex {

    private static final String PURPOSE_PREFIX = "blind-index:";
    private static final int KEY_LENGTH = 32;

    private final KeyRing ring;
    private final String indexKeyId;
    private final String nextKeyId;

    /**
     * Indexes under the oldest key of the ring (the last in its list): adding a new primary key for
     * encryption leaves every stored index valid. Retiring that key needs a blind-index rotation.
     */
    public HmacBlindIndex(KeyRing ring) {
        this(ring, oldest(ring), null);
    }

    /**
     * @param indexKeyId the current index key ({@code playerbase.crypto.blind-index-key-id})
     * @param nextKeyId  the key a rotation moves to ({@code playerbase.crypto.blind-index-next-key-id}),
     *                   or {@code null} when none runs
     */
    public HmacBlindIndex(KeyRing ring, String indexKeyId, String nextKeyId) {
        this.ring = Objects.requireNonNull(ring, "ring");
        for (String keyId : Arrays.asList(indexKeyId, nextKeyId)) {
            if (keyId != null && !ring.keyIds().contains(keyId)) {
                throw new IllegalArgumentException("The blind-index key id '" + keyId + "' is not in the key ring; "
                        + "keep that master key configured (stored indexes were computed with it)");
            }
        }
        this.indexKeyId = Objects.requireNonNull(indexKeyId, "indexKeyId");
        this.nextKeyId = indexKeyId.equals(nextKeyId) ? null : nextKeyId;
    }

    /** A ring whose key ids are listed newest first: the oldest is the default index key. */
    public static String oldestKeyId(KeyRing ring) {
        return oldest(ring);
    }

    private static String oldest(KeyRing ring) {
        String last = null;
        for (String keyId : ring.keyIds()) {
            last = keyId;
        }
        return last;
    }

    public String indexKeyId() {
        return indexKeyId;
    }

    /** The entry under the current index key. */
    @Override
    public String of(String purpose, String value) {
        return of(indexKeyId, purpose, value);
    }

    @Override
    public List<String> entries(String purpose, String value) {
        return nextKeyId == null
                ? List.of(of(indexKeyId, purpose, value))
                : List.of(of(indexKeyId, purpose, value), of(nextKeyId, purpose, value));
    }

    @Override
    public List<String> lookups(String purpose, String value) {
        return ring.keyIds().stream().map(keyId -> of(keyId, purpose, value)).toList();
    }

    /** The entry under a given key id: {@code <key id>:<hex>}. */
    public String of(String keyId, String purpose, String value) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(value, "value");
        byte[] key = ring.derive(keyId, PURPOSE_PREFIX + purpose, KEY_LENGTH);
        return keyId + ":" + Hex.toHexString(hmacSha256(key, normalize(value).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Compatibility normalization (NFKC: fullwidth and other look-alike forms fold to the plain
     * character), then surrounding whitespace removed, then lower case. NFKC goes first because it
     * can itself produce surrounding whitespace (a no-break space becomes a plain space).
     */
    public static String normalize(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(data, 0, data.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }
}

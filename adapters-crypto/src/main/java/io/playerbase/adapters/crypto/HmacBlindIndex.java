package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.BlindIndex;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

/**
 * Blind index: HMAC-SHA256 of the normalized value, as 64 lower-case hex characters. Each purpose
 * has its own key ({@code blind-index:<purpose>} derived from a master key), so equal values under
 * different purposes (an email used as a username) do not reveal each other.
 */
public final class HmacBlindIndex implements BlindIndex {

    private static final String PURPOSE_PREFIX = "blind-index:";
    private static final int KEY_LENGTH = 32;

    private final KeyRing ring;
    private final String indexKeyId;

    /**
     * Indexes under the oldest key of the ring (the last in its list): adding a new primary key for
     * encryption leaves every stored index valid. Retiring that key needs a blind-index rotation.
     */
    public HmacBlindIndex(KeyRing ring) {
        this(ring, oldest(ring));
    }

    /** Indexes under the given master key id ({@code playerbase.crypto.blind-index-key-id}). */
    public HmacBlindIndex(KeyRing ring, String indexKeyId) {
        this.ring = Objects.requireNonNull(ring, "ring");
        if (!ring.keyIds().contains(indexKeyId)) {
            throw new IllegalArgumentException("The blind-index key id '" + indexKeyId + "' is not in the key ring; "
                    + "keep that master key configured (stored indexes were computed with it)");
        }
        this.indexKeyId = indexKeyId;
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

    /** The index under the blind-index key. */
    @Override
    public String of(String purpose, String value) {
        return of(indexKeyId, purpose, value);
    }

    /** The index under a given key id, so rotation can compute old and new indexes side by side. */
    public String of(String keyId, String purpose, String value) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(value, "value");
        byte[] key = ring.derive(keyId, PURPOSE_PREFIX + purpose, KEY_LENGTH);
        return Hex.toHexString(hmacSha256(key, normalize(value).getBytes(StandardCharsets.UTF_8)));
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

package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.SecretHasher;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Hashes API-key secrets with HMAC-SHA256 under a key derived from the master key (HKDF purpose
 * {@code api-key-secret}): {@code hmac-sha256$<key id>$<hex>}. The secrets are 256 random bits, so a
 * slow password hash would add cost to every game-server request and no protection; the HMAC key,
 * which is not in the database, means a stolen copy of {@code api_keys} cannot even confirm a guess.
 * The key id is stored with the hash, so hashes made before a master-key rotation keep verifying as
 * long as their key is in the ring.
 */
public final class HmacSecretHasher implements SecretHasher {

    private static final String PURPOSE = "api-key-secret";
    private static final String PREFIX = "hmac-sha256$";
    private static final int KEY_LENGTH = 32;

    private final KeyRing ring;

    public HmacSecretHasher(KeyRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    @Override
    public String hash(String secret) {
        Objects.requireNonNull(secret, "secret");
        String keyId = ring.primaryKeyId();
        return PREFIX + keyId + "$" + Hex.toHexString(mac(keyId, secret));
    }

    @Override
    public boolean verify(String secret, String storedHash) {
        if (secret == null || storedHash == null || !storedHash.startsWith(PREFIX)) {
            return false;
        }
        String rest = storedHash.substring(PREFIX.length());
        int dollar = rest.indexOf('$');
        if (dollar < 0) {
            return false;
        }
        String keyId = rest.substring(0, dollar);
        if (!ring.keyIds().contains(keyId)) {
            return false;
        }
        byte[] expected;
        try {
            expected = Hex.decode(rest.substring(dollar + 1));
        } catch (RuntimeException e) {
            return false;
        }
        return Arrays.constantTimeAreEqual(mac(keyId, secret), expected);
    }

    private byte[] mac(String keyId, String secret) {
        return HmacBlindIndex.hmacSha256(ring.derive(keyId, PURPOSE, KEY_LENGTH), secret.getBytes(StandardCharsets.UTF_8));
    }
}

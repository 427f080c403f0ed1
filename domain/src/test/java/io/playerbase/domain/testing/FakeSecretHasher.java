package io.playerbase.domain.testing;

import io.playerbase.domain.shared.SecretHasher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Unkeyed SHA-256 stand-in for the keyed secret hash. */
public final class FakeSecretHasher implements SecretHasher {

    @Override
    public String hash(String secret) {
        try {
            return "fake-sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(String secret, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.UTF_8),
                storedHash.getBytes(StandardCharsets.UTF_8));
    }
}

package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.FieldCipher.CipherFailure;
import io.playerbase.domain.shared.LegacyCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Arrays;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Fernet tokens of the old system (Python {@code cryptography}): the key is PBKDF2-HMAC-SHA256 of its
 * {@code ENCRYPTION_KEY} with {@code ENCRYPTION_SALT}, 100 000 iterations, 32 bytes; the first half
 * signs (HMAC-SHA256), the second half encrypts (AES-128-CBC, PKCS7). A token is base64url of
 * {@code 0x80 ‖ timestamp(8) ‖ IV(16) ‖ ciphertext ‖ HMAC(32)}, the HMAC over everything before it.
 * The timestamp is not checked: these tokens are years old by design.
 */
public final class FernetLegacyCipher implements LegacyCipher {

    static final int ITERATIONS = 100_000;
    private static final byte VERSION = (byte) 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int MAC = 32;

    private final byte[] signingKey;
    private final byte[] encryptionKey;

    /** From the old system's configuration values. */
    public FernetLegacyCipher(String encryptionKey, String salt) {
        this(derive(encryptionKey, salt));
    }

    FernetLegacyCipher(byte[] fernetKey) {
        if (fernetKey.length != 32) {
            throw new IllegalArgumentException("a Fernet key has 32 bytes");
        }
        this.signingKey = java.util.Arrays.copyOfRange(fernetKey, 0, 16);
        this.encryptionKey = java.util.Arrays.copyOfRange(fernetKey, 16, 32);
    }

    static byte[] derive(String encryptionKey, String salt) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(encryptionKey.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), ITERATIONS);
        return ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
    }

    @Override
    public boolean isLegacyToken(String stored) {
        return FernetFormat.looksLikeToken(stored);
    }

    @Override
    public Optional<String> decrypt(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new CipherFailure("legacy token is not base64url");
        }
        if (raw.length < HEADER + 16 + MAC || raw[0] != VERSION || (raw.length - HEADER - MAC) % 16 != 0) {
            throw new CipherFailure("legacy token is malformed");
        }
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(signingKey));
        hmac.update(raw, 0, raw.length - MAC);
        byte[] expected = new byte[MAC];
        hmac.doFinal(expected, 0);
        if (!Arrays.constantTimeAreEqual(expected, java.util.Arrays.copyOfRange(raw, raw.length - MAC, raw.length))) {
            throw new CipherFailure("legacy token fails authentication (wrong key or salt?)");
        }
        PaddedBufferedBlockCipher aes = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
        aes.init(false, new ParametersWithIV(new KeyParameter(encryptionKey), raw, 9, 16));
        byte[] plain = new byte[aes.getOutputSize(raw.length - HEADER - MAC)];
        try {
            int length = aes.processBytes(raw, HEADER, raw.length - HEADER - MAC, plain, 0);
            length += aes.doFinal(plain, length);
            return Optional.of(new String(plain, 0, length, StandardCharsets.UTF_8));
        } catch (InvalidCipherTextException e) {
            throw new CipherFailure("legacy token has a bad padding", e);
        }
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.shared.FieldCipher;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A reversible stand-in for tests that are not about cryptography: it binds the value to its
 * context like the real cipher (so tests notice a wrong context) but offers no secrecy.
 */
public final class FakeFieldCipher implements FieldCipher {

    private static final String PREFIX = "fake1:";

    @Override
    public String encrypt(String plaintext, FieldContext context) {
        String bound = key(context) + "|" + plaintext;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bound.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decrypt(String stored, FieldContext context) {
        if (!isCiphertext(stored)) {
            return stored;
        }
        String bound = new String(Base64.getUrlDecoder().decode(stored.substring(PREFIX.length())), StandardCharsets.UTF_8);
        String expected = key(context) + "|";
        if (!bound.startsWith(expected)) {
            throw new CipherFailure("context mismatch");
        }
        return bound.substring(expected.length());
    }

    @Override
    public boolean isCiphertext(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    @Override
    public boolean needsReencryption(String stored) {
        return stored != null && !isCiphertext(stored);
    }

    @Override
    public String currentKeyId() {
        return "fake";
    }

    private static String key(FieldContext context) {
        return context.collection() + "/" + context.documentId() + "/" + context.field();
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.UserId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Stand-in for per-user keys with the real one's observable rules, no secrecy: a value written under
 * one data key does not read under another; values from before a data key existed (the service
 * {@link FakeFieldCipher}, or plaintext) still read and are marked for re-encryption.
 */
public final class FakePersonalDataKeys implements PersonalDataKeys {

    private static final String WRAPPED = "fakewrap:";
    private static final String VALUE = "fakedek:";

    @Override
    public String newWrappedKey(UserId owner) {
        return WRAPPED + "current:" + owner.value() + ":" + UUID.randomUUID();
    }

    @Override
    public FieldCipher cipherFor(UserId owner, String wrappedKey) {
        if (!wrappedKey.startsWith(WRAPPED) || !wrappedKey.contains(":" + owner.value() + ":")) {
            throw new FieldCipher.CipherFailure("wrapped key of another user");
        }
        return new DataKeyCipher(VALUE + wrappedKey.substring(wrappedKey.lastIndexOf(':') + 1) + ":");
    }

    @Override
    public boolean isWrappedUnderPrimary(String wrappedKey) {
        return wrappedKey.startsWith(WRAPPED + "current:");
    }

    @Override
    public String rewrap(UserId owner, String wrappedKey) {
        return wrappedKey.replace(WRAPPED + "old:", WRAPPED + "current:");
    }

    @Override
    public void forget(UserId owner) {
        // Nothing is cached.
    }

    /** Marks a wrapped key as wrapped under a retired master key, for rotation tests. */
    public static String asOldWrapping(String wrappedKey) {
        return wrappedKey.replace(WRAPPED + "current:", WRAPPED + "old:");
    }

    private record DataKeyCipher(String prefix) implements FieldCipher {

        private static final FakeFieldCipher SERVICE = new FakeFieldCipher();

        @Override
        public String encrypt(String plaintext, FieldContext context) {
            String bound = context.collection() + "/" + context.documentId() + "/" + context.field() + "|" + plaintext;
            return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bound.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String decrypt(String stored, FieldContext context) {
            if (stored == null || !stored.startsWith(VALUE)) {
                return SERVICE.decrypt(stored, context);
            }
            if (!stored.startsWith(prefix)) {
                throw new CipherFailure("value of another data key");
            }
            String bound = new String(Base64.getUrlDecoder().decode(stored.substring(prefix.length())), StandardCharsets.UTF_8);
            String expected = context.collection() + "/" + context.documentId() + "/" + context.field() + "|";
            if (!bound.startsWith(expected)) {
                throw new CipherFailure("context mismatch");
            }
            return bound.substring(expected.length());
        }

        @Override
        public boolean isCiphertext(String stored) {
            return stored != null && (stored.startsWith(VALUE) || SERVICE.isCiphertext(stored));
        }

        @Override
        public boolean needsReencryption(String stored) {
            return stored != null && !stored.startsWith(prefix);
        }

        @Override
        public String currentKeyId() {
            return "dek";
        }
    }
}

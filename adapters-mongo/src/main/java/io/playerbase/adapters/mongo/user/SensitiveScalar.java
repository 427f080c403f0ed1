package io.playerbase.adapters.mongo.user;

import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;

/**
 * Encrypts a scalar of module data while keeping its type: numbers as {@code n:<decimal>}, text as
 * {@code s:<text>}, before the cipher sees them. This is a stored format (the migrations write it
 * too), so it never changes; a new type gets a new tag. Shared by every adapter that stores
 * encrypted numbers or text (user fields, wallet, ledger, idempotency records).
 */
public final class SensitiveScalar {

    private SensitiveScalar() {
    }

    public static String encrypt(FieldCipher cipher, Object value, FieldContext context) {
        String tagged = switch (value) {
            case Long number -> "n:" + number;
            case Integer number -> "n:" + number;
            case String text -> "s:" + text;
            default -> throw new IllegalArgumentException(
                    "Unsupported sensitive value type at " + context.field() + ": " + value.getClass().getSimpleName());
        };
        return cipher.encrypt(tagged, context);
    }

    /** Decrypts a tagged value; a legacy plaintext value (not a ciphertext) is returned as it is. */
    public static Object decrypt(FieldCipher cipher, Object stored, FieldContext context) {
        if (!(stored instanceof String text) || !cipher.isCiphertext(text)) {
            return stored;
        }
        String tagged = cipher.decrypt(text, context);
        if (tagged.startsWith("n:")) {
            return Long.parseLong(tagged.substring(2));
        }
        if (tagged.startsWith("s:")) {
            return tagged.substring(2);
        }
        throw new FieldCipher.CipherFailure("Unknown sensitive value tag at " + context.field());
    }
}

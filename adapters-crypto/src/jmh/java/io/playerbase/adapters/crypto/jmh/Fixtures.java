package io.playerbase.adapters.crypto.jmh;

import io.playerbase.adapters.crypto.KeyRing;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.FieldCipher.FieldContext;
import java.util.List;
import java.util.Map;

/** The data the benchmarks encrypt: one user's sensitive fields, as the Mongo mapper stores them. */
final class Fixtures {

    /** A 24-hex ObjectId, the document id the mapper binds every field to. */
    static final String USER_ID = "65f1c0ffee0123456789abcd";

    static final String EMAIL = "alice.martin@example.com";
    /** 32 bytes of UTF-8. */
    static final String FIELD_32 = "alice.martin.dupont@example.com.";
    static final String PHONE = "+33 6 12 34 56 78";
    static final String ADDRESS = "12 rue des Lilas, 75011 Paris, France";
    /** The wallet balance as {@code SensitiveScalar} tags a number before encryption. */
    static final String BALANCE = "n:1250075";

    static final FieldContext EMAIL_CONTEXT = new FieldContext("users", USER_ID, "email");

    /** The sensitive fields of one user document (the default sensitive fields): personal fields and the wallet balance. */
    static final List<Field> DOCUMENT = List.of(
            new Field(EMAIL, EMAIL_CONTEXT),
            new Field(PHONE, new FieldContext("users", USER_ID, "phone")),
            new Field(ADDRESS, new FieldContext("users", USER_ID, "address")),
            new Field(BALANCE, new FieldContext("users", USER_ID, "modules.wallet.balance")));

    private Fixtures() {
    }

    /** A fixed ring with one 32-byte master key (benchmarks only; never a real key). */
    static KeyRing ring() {
        byte[] master = new byte[32];
        for (int i = 0; i < master.length; i++) {
            master[i] = (byte) (0x40 + i);
        }
        return KeyRing.of("k1", Map.of("k1", master));
    }

    /**
     * Fails the trial unless each cipher reads what the other wrote, for every field of the document:
     * the compared implementations produce the same format from the same key, nonce size, tag size
     * and associated data, so their figures compare like with like.
     */
    static void requireInteroperable(FieldCipher reference, FieldCipher other) {
        for (Field field : DOCUMENT) {
            String byOther = other.encrypt(field.plaintext(), field.context());
            String byReference = reference.encrypt(field.plaintext(), field.context());
            if (!field.plaintext().equals(reference.decrypt(byOther, field.context()))
                    || !field.plaintext().equals(other.decrypt(byReference, field.context()))
                    || byOther.length() != byReference.length()) {
                throw new IllegalStateException(other.getClass().getSimpleName() + " is not interoperable with "
                        + reference.getClass().getSimpleName() + " on " + field.context().field());
            }
        }
    }

    record Field(String plaintext, FieldContext context) {
    }
}

package io.playerbase.domain.shared;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link PasswordHasher} keeps, the fast test stand-in included. */
public abstract class PasswordHasherContract {

    protected PasswordHasher hasher;

    protected abstract PasswordHasher createHasher();

    @BeforeEach
    void startHasher() {
        hasher = createHasher();
    }

    @Test
    void onlyThePasswordVerifies() {
        String hash = hasher.hash("correct horse");
        assertFalse(hash.contains("correct horse"));
        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct horse ", hash));
        assertFalse(hasher.verify("Correct horse", hash));
        assertFalse(hasher.verify("correct horse", null));
        assertFalse(hasher.verify("correct horse", "not a hash"));
    }

    @Test
    void aFreshHashNeedsNoRehashAndAForeignOneDoes() {
        assertFalse(hasher.needsRehash(hasher.hash("correct horse")));
        assertTrue(hasher.needsRehash("not a hash"));
    }

    @Test
    void noPasswordAndAnErasedAccountsEmptyHashVerifyNothing() {
        for (String password : new String[] {"", "!", "correct horse", PasswordHasher.NO_PASSWORD}) {
            assertFalse(hasher.verify(password, PasswordHasher.NO_PASSWORD), password);
            assertFalse(hasher.verify(password, ""), password);
        }
    }
}

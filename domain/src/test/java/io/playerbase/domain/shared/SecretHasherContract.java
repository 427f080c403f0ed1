package io.playerbase.domain.shared;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every {@link SecretHasher} keeps, the test stand-in included. */
public abstract class SecretHasherContract {

    protected SecretHasher hasher;

    protected abstract SecretHasher createHasher();

    @BeforeEach
    void startHasher() {
        hasher = createHasher();
    }

    @Test
    void onlyTheSecretVerifies() {
        String hash = hasher.hash("pbk_secret_value");
        assertFalse(hash.contains("pbk_secret_value"));
        assertTrue(hasher.verify("pbk_secret_value", hash));
        assertFalse(hasher.verify("pbk_secret_valuE", hash));
        assertFalse(hasher.verify("pbk_secret_value", null));
        assertFalse(hasher.verify("pbk_secret_value", "not a hash"));
    }
}

package io.playerbase.domain.testing;

import io.playerbase.domain.shared.PasswordHasher;

/** Fast, transparent stand-in so service tests do not spend seconds in Argon2. */
public final class FakePasswordHasher implements PasswordHasher {

    private static final String PREFIX = "$fake$";

    @Override
    public String hash(String password) {
        return PREFIX + new StringBuilder(password).reverse();
    }

    @Override
    public boolean verify(String password, String encodedHash) {
        return encodedHash != null && encodedHash.equals(hash(password));
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return encodedHash == null || !encodedHash.startsWith(PREFIX);
    }
}

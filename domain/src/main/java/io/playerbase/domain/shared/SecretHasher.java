package io.playerbase.domain.shared;

/**
 * Keyed one-way hash of a machine-generated, high-entropy secret (an API key's secret). Unlike
 * {@link PasswordHasher} it is fast, because the secret cannot be guessed and is checked on every
 * request; the key lives outside the database, so a copy of the database alone verifies nothing.
 */
public interface SecretHasher {

    /** A self-describing hash (algorithm and key id included). */
    String hash(String secret);

    /** Constant-time check of a secret against a stored hash. */
    boolean verify(String secret, String storedHash);
}

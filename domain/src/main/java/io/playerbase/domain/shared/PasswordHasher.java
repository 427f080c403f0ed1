package io.playerbase.domain.shared;

/** One-way password hashing (Argon2id in the crypto adapter). */
public interface PasswordHasher {

    /** A self-describing encoded hash (algorithm, parameters, salt, hash). */
    String hash(String password);

    /** Constant-time check of a password against an encoded hash. */
    boolean verify(String password, String encodedHash);

    /** Whether the hash was made with weaker parameters or another algorithm and should be replaced. */
    boolean needsRehash(String encodedHash);
}

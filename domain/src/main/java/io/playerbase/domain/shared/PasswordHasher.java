package io.playerbase.domain.shared;

/** One-way password hashing (Argon2id in the crypto adapter). */
public interface PasswordHasher {

    /**
     * The stored hash of an account without a password (a computer player nobody set one for): no password
     * verifies against it, and checking one costs what a wrong password costs, so a log-in attempt cannot
     * tell such an account apart. Stored instead of the hash of a random secret, which nobody could use
     * either but which costs an Argon2id computation to make.
     */
    String NO_PASSWORD = "!";

    /** A self-describing encoded hash (algorithm, parameters, salt, hash). */
    String hash(String password);

    /** Constant-time check of a password against an encoded hash; false for {@link #NO_PASSWORD} and anything unreadable. */
    boolean verify(String password, String encodedHash);

    /** Whether the hash was made with weaker parameters or another algorithm and should be replaced. */
    boolean needsRehash(String encodedHash);
}

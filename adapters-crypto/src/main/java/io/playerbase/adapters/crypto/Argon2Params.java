package io.playerbase.adapters.crypto;

/** Argon2id cost: memory in KiB, passes over it, and lanes. */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

    /** OWASP's recommended minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final Argon2Params OWASP = new Argon2Params(19456, 2, 1);

    public Argon2Params {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Argon2 parallelism must be at least 1");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Argon2 iterations must be at least 1");
        }
        // Argon2 needs at least 8 KiB per lane.
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB per lane");
        }
    }

    /** Whether any cost is below {@code other}'s. */
    boolean weakerThan(Argon2Params other) {
        return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
    }
}

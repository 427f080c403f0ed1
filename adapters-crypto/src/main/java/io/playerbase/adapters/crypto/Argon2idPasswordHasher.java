package io.playerbase.adapters.crypto;

import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.Unavailable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.util.Arrays;

/**
 * Argon2id password hashes in the PHC string format of the reference implementation:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (standard base64 without padding). Verifying
 * reads the parameters from the stored hash, so hashes made with older parameters keep working
 * and {@link #needsRehash} says when to replace them. Legacy bcrypt hashes ({@code $2a$},
 * {@code $2b$}, {@code $2y$}) of the old system verify too and always need a rehash.
 *
 * <p>Each hash or check holds {@code memoryKiB} of memory for its duration, so at most
 * {@code maxConcurrent} run at once; a caller that cannot get a slot within the timeout gets
 * {@link Unavailable} (HTTP 503) instead of piling up and exhausting the heap.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;

    private static final int MIN_SALT_LENGTH = 8;
    private static final int MIN_HASH_LENGTH = 4;
    private static final int MAX_LENGTH = 64;
    // A stored hash decides how much work a check does: these bounds stop a corrupt or planted one
    // from taking the memory or CPU of the whole service.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 64;

    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private final Argon2Params params;
    private final Semaphore permits;
    private final Duration acquireTimeout;
    private final SecureRandom random = new SecureRandom();

    /** OWASP parameters, as many concurrent hashes as processors (at least 2), 5 s wait for a slot. */
    public Argon2idPasswordHasher() {
        this(Argon2Params.OWASP);
    }

    public Argon2idPasswordHasher(Argon2Params params) {
        this(params, Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(5));
    }

    public Argon2idPasswordHasher(Argon2Params params, int maxConcurrent, Duration acquireTimeout) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.params = Objects.requireNonNull(params, "params");
        this.acquireTimeout = Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        // Fair, so a burst is served in arrival order rather than starving the oldest callers into timeouts.
        this.permits = new Semaphore(maxConcurrent, true);
    }

    @Override
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] hash = withPermit(() -> argon2id(passwordBytes, salt, params, null, null, HASH_LENGTH));
            return new Argon2Hash(params, salt, hash).encode();
        } finally {
            Arrays.clear(passwordBytes);
        }
    }

    @Override
    public boolean verify(String password, String encodedHash) {
        Objects.requireNonNull(password, "password");
        if (encodedHash == null) {
            return false;
        }
        if (BCRYPT.matcher(encodedHash).matches()) {
            return verifyBcrypt(password, encodedHash);
        }
        Optional<Argon2Hash> stored = Argon2Hash.parse(encodedHash);
        // No password (NO_PASSWORD, an erased account's "") or an unreadable hash: the same work as a wrong
        // password, against a hash nothing matches, so the answer's time does not tell the accounts apart.
        Argon2Hash expected = stored.orElseGet(() -> new Argon2Hash(params, new byte[SALT_LENGTH], new byte[HASH_LENGTH]));
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] actual = withPermit(() -> argon2id(passwordBytes, expected.salt(), expected.params(), null, null, expected.hash().length));
            return stored.isPresent() && Arrays.constantTimeAreEqual(actual, expected.hash());
        } finally {
            Arrays.clear(passwordBytes);
        }
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return Argon2Hash.parse(encodedHash).map(stored -> stored.params().weakerThan(params)).orElse(true);
    }

    private boolean verifyBcrypt(String password, String encodedHash) {
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            return withPermit(() -> {
                try {
                    return OpenBSDBCrypt.checkPassword(encodedHash, passwordBytes);
                } catch (IllegalArgumentException | DataLengthException e) {
                    return false;
                }
            });
        } finally {
            Arrays.clear(passwordBytes);
        }
    }

    /** Runs {@code work} while holding one of the {@code maxConcurrent} slots. */
    <T> T withPermit(Supplier<T> work) {
        try {
            if (!permits.tryAcquire(acquireTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(e);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private static Unavailable busy(Throwable cause) {
        return new Unavailable("hashing-busy", "Too many password checks in progress; retry shortly", cause);
    }

    /**
     * One Argon2id (version 0x13) computation. The hasher uses no secret and no associated data;
     * they are parameters here so the generator setup can be checked against RFC 9106's vector.
     */
    static byte[] argon2id(byte[] password, byte[] salt, Argon2Params params, byte[] secret, byte[] additional, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .withSecret(secret)
                .withAdditional(additional)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** A parsed PHC string. */
    private record Argon2Hash(Argon2Params params, byte[] salt, byte[] hash) {

        static Optional<Argon2Hash> parse(String encoded) {
            if (encoded == null) {
                return Optional.empty();
            }
            Matcher m = ARGON2ID.matcher(encoded);
            if (!m.matches()) {
                return Optional.empty();
            }
            int memory = Integer.parseInt(m.group(1));
            int iterations = Integer.parseInt(m.group(2));
            int parallelism = Integer.parseInt(m.group(3));
            if (memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || parallelism > MAX_PARALLELISM) {
                return Optional.empty();
            }
            try {
                byte[] salt = Base64.getDecoder().decode(m.group(4));
                byte[] hash = Base64.getDecoder().decode(m.group(5));
                if (salt.length < MIN_SALT_LENGTH || salt.length > MAX_LENGTH
                        || hash.length < MIN_HASH_LENGTH || hash.length > MAX_LENGTH) {
                    return Optional.empty();
                }
                return Optional.of(new Argon2Hash(new Argon2Params(memory, iterations, parallelism), salt, hash));
            } catch (IllegalArgumentException e) {
                // Undecodable base64 or parameters Argon2 does not accept.
                return Optional.empty();
            }
        }

        String encode() {
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                    + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }
    }
}

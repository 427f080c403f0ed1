package io.playerbase.adapters.crypto.jmh;

import io.playerbase.adapters.crypto.AesGcmFieldCipher;
import io.playerbase.adapters.crypto.HmacBlindIndex;
import io.playerbase.adapters.crypto.KeyRing;
import io.playerbase.domain.shared.FieldCipher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Field encryption as the service pays it (issue 3): encrypt + decrypt of one small field (the
 * email) and of a whole user document (email, phone, address, wallet balance, each bound to its own
 * field context), with production's {@link AesGcmFieldCipher} (the JDK's AES-GCM, pooled Ciphers), the
 * same format on the JDK with a new Cipher per call ({@link JdkAesGcmFieldCipher}), a pooled BouncyCastle cipher
 * ({@link PooledAesGcmFieldCipher}) and the same pooling on the JDK ({@link PooledJdkAesGcmFieldCipher});
 * plus the blind index registration and login compute.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class FieldCipherBenchmark {

    private FieldCipher production;
    private FieldCipher released;
    private FieldCipher jdk;
    private FieldCipher pooled;
    private FieldCipher pooledWorkerDrbg;
    private FieldCipher pooledJdk;
    private HmacBlindIndex blindIndex;
    private String storedEmail;

    @Setup
    public void setUp() {
        KeyRing ring = Fixtures.ring();
        production = new AesGcmFieldCipher(ring);
        released = new ReleasedBouncyCastleFieldCipher(ring);
        Fixtures.requireInteroperable(production, released);
        jdk = new JdkAesGcmFieldCipher(ring);
        pooled = new PooledAesGcmFieldCipher(ring, false);
        pooledWorkerDrbg = new PooledAesGcmFieldCipher(ring, true);
        pooledJdk = new PooledJdkAesGcmFieldCipher(ring);
        Fixtures.requireInteroperable(production, jdk);
        Fixtures.requireInteroperable(production, pooled);
        Fixtures.requireInteroperable(production, pooledWorkerDrbg);
        Fixtures.requireInteroperable(production, pooledJdk);
        blindIndex = new HmacBlindIndex(ring);
        storedEmail = production.encrypt(Fixtures.EMAIL, Fixtures.EMAIL_CONTEXT);
    }

    /** The target's figure (issue 17): encrypt + decrypt of a 32-byte field with production's cipher. */
    @Benchmark
    public String field32RoundTripProduction() {
        return production.decrypt(production.encrypt(Fixtures.FIELD_32, Fixtures.EMAIL_CONTEXT), Fixtures.EMAIL_CONTEXT);
    }

    /** The same with the previous release's cipher (BouncyCastle, engine per value): the "before". */
    @Benchmark
    public String field32RoundTripReleasedBouncyCastle() {
        return released.decrypt(released.encrypt(Fixtures.FIELD_32, Fixtures.EMAIL_CONTEXT), Fixtures.EMAIL_CONTEXT);
    }

    // ---- one small field: the email (24 bytes)

    @Benchmark
    public String fieldRoundTripProduction() {
        return roundTrip(production);
    }

    @Benchmark
    public String fieldRoundTripJdk() {
        return roundTrip(jdk);
    }

    @Benchmark
    public String fieldRoundTripPooledBouncyCastle() {
        return roundTrip(pooled);
    }

    /** The pooled cipher with a DRBG per pooled worker instead of the shared default SecureRandom. */
    @Benchmark
    public String fieldRoundTripPooledBouncyCastleWorkerDrbg() {
        return roundTrip(pooledWorkerDrbg);
    }

    @Benchmark
    public String fieldRoundTripPooledJdk() {
        return roundTrip(pooledJdk);
    }

    @Benchmark
    public String fieldEncryptProduction() {
        return production.encrypt(Fixtures.EMAIL, Fixtures.EMAIL_CONTEXT);
    }

    @Benchmark
    public String fieldDecryptProduction() {
        return production.decrypt(storedEmail, Fixtures.EMAIL_CONTEXT);
    }

    @Benchmark
    public String fieldEncryptJdk() {
        return jdk.encrypt(Fixtures.EMAIL, Fixtures.EMAIL_CONTEXT);
    }

    @Benchmark
    public String fieldDecryptJdk() {
        return jdk.decrypt(storedEmail, Fixtures.EMAIL_CONTEXT);
    }

    // ---- one user document: the four sensitive fields

    @Benchmark
    public void documentRoundTripProduction(Blackhole blackhole) {
        documentRoundTrip(production, blackhole);
    }

    @Benchmark
    public void documentRoundTripJdk(Blackhole blackhole) {
        documentRoundTrip(jdk, blackhole);
    }

    @Benchmark
    public void documentRoundTripPooledBouncyCastle(Blackhole blackhole) {
        documentRoundTrip(pooled, blackhole);
    }

    @Benchmark
    public void documentRoundTripPooledJdk(Blackhole blackhole) {
        documentRoundTrip(pooledJdk, blackhole);
    }

    // ---- blind index (registration and login)

    /** HMAC-SHA256 blind index of an email as registration and login compute it (normalize, key lookup, HMAC, hex). */
    @Benchmark
    public String blindIndexEmail() {
        return blindIndex.of("email", "Alice.Martin@Example.com");
    }

    private static String roundTrip(FieldCipher cipher) {
        return cipher.decrypt(cipher.encrypt(Fixtures.EMAIL, Fixtures.EMAIL_CONTEXT), Fixtures.EMAIL_CONTEXT);
    }

    private static void documentRoundTrip(FieldCipher cipher, Blackhole blackhole) {
        for (Fixtures.Field field : Fixtures.DOCUMENT) {
            blackhole.consume(cipher.decrypt(cipher.encrypt(field.plaintext(), field.context()), field.context()));
        }
    }
}

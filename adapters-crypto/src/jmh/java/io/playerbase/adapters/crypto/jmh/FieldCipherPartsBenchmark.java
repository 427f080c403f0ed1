package io.playerbase.adapters.crypto.jmh;

import io.playerbase.adapters.crypto.HmacBlindIndex;
import io.playerbase.adapters.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.MultiBlockCipher;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.Tables4kGCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.Tables64kGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
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

/**
 * The parts of one small-field round trip (encrypt + decrypt of the email), measured apart so the
 * total can be explained rather than guessed: the AES-GCM work itself (BouncyCastle and JDK, with a
 * cipher object set up per call as production does, and pre-initialised), the nonce from
 * {@link SecureRandom}, Base64, the string/associated-data handling and the key lookup. Nonces here
 * come from a counter (unique, fine for measuring, not for production) unless the name says otherwise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class FieldCipherPartsBenchmark {

    private static final int TAG_BITS = 128;
    /** {@code pb1:k1:} then the email's field context, as production builds it. */
    private static final byte[] AAD = associatedData();

    private KeyRing ring;
    private byte[] key;
    private byte[] plaintext;
    private byte[] nonce;
    private long counter;

    private GCMModeCipher bcPreinitialised;
    private GCMModeCipher bcPreinitialised64k;
    private byte[] ghashKey;
    private KeyParameter bcKey;
    private KeyParameter bcOtherKey;
    private GCMModeCipher bcRekeyed;
    private boolean otherKey;
    private Cipher jdkPreinstantiated;
    private SecretKeySpec jdkKey;

    private SecureRandom nativePrng;
    private SecureRandom drbg;
    private byte[] body;
    private String encodedBody;
    private byte[] hmacKey;
    private Mac jdkHmac;

    @Setup
    public void setUp() throws GeneralSecurityException {
        ring = Fixtures.ring();
        key = ring.derive("k1", "field-encryption", 32);
        plaintext = Fixtures.EMAIL.getBytes(StandardCharsets.UTF_8);
        nonce = new byte[12];
        bcKey = new KeyParameter(key);
        bcPreinitialised = GCMBlockCipher.newInstance(AESEngine.newInstance());
        bcPreinitialised.init(true, new AEADParameters(bcKey, TAG_BITS, nextNonce(), AAD));
        bcOtherKey = new KeyParameter(ring.derive("k1", "another-key", 32));
        bcRekeyed = GCMBlockCipher.newInstance(AESEngine.newInstance());
        bcPreinitialised64k = GCMBlockCipher.newInstance(AESEngine.newInstance(), new Tables64kGCMMultiplier());
        bcPreinitialised64k.init(true, new AEADParameters(bcKey, TAG_BITS, nextNonce(), AAD));
        MultiBlockCipher aes = AESEngine.newInstance();
        aes.init(true, bcKey);
        ghashKey = new byte[16];
        aes.processBlock(ghashKey, 0, ghashKey, 0);
        jdkPreinstantiated = Cipher.getInstance("AES/GCM/NoPadding");
        jdkKey = new SecretKeySpec(key, "AES");
        nativePrng = new SecureRandom();
        drbg = SecureRandom.getInstance("DRBG");
        body = new byte[12 + plaintext.length + 16];
        new SecureRandom().nextBytes(body);
        encodedBody = Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        hmacKey = ring.derive("k1", "blind-index:email", 32);
        jdkHmac = Mac.getInstance("HmacSHA256");
    }

    // ---- AES-GCM seal + open of the 24-byte email with its 42-byte associated data, no format around it

    /** What production does per value: new AESEngine + GCMBlockCipher and a full init (key schedule, GHASH table) for each of seal and open. */
    @Benchmark
    public byte[] bcGcmSealOpenNewCipherPerCall() throws InvalidCipherTextException {
        byte[] n = nextNonce();
        byte[] sealed = bcRun(newBc(true, bcKey, n), plaintext);
        return bcRun(newBc(false, bcKey, n), sealed);
    }

    /** One cipher object kept and re-initialised with a new nonce and no key: the key schedule and GHASH table are reused. */
    @Benchmark
    public byte[] bcGcmSealOpenPreinitialised() throws InvalidCipherTextException {
        byte[] n = nextNonce();
        bcPreinitialised.init(true, new AEADParameters(null, TAG_BITS, n, AAD));
        byte[] sealed = bcRun(bcPreinitialised, plaintext);
        bcPreinitialised.init(false, new AEADParameters(null, TAG_BITS, n, AAD));
        return bcRun(bcPreinitialised, sealed);
    }

    /** Only the setup production pays twice per round trip: new engine + GCM and init with the key. */
    @Benchmark
    public GCMModeCipher bcGcmSetupOnly() {
        return newBc(true, bcKey, nextNonce());
    }

    /**
     * Setup when the object is reused but the key changes (per-user data keys): init with the other
     * of two keys each call, so the AES key schedule, H and the GHASH table are recomputed in the
     * existing object instead of allocating new ones.
     */
    @Benchmark
    public GCMModeCipher bcGcmRekeyReusedObject() {
        otherKey = !otherKey;
        KeyParameter next = otherKey ? bcOtherKey : bcKey;
        bcRekeyed.init(true, new AEADParameters(next, TAG_BITS, nextNonce(), AAD));
        return bcRekeyed;
    }

    /** Part of the setup: a new AES engine and its 256-bit key schedule. */
    @Benchmark
    public MultiBlockCipher bcAesKeySchedule() {
        MultiBlockCipher aes = AESEngine.newInstance();
        aes.init(true, bcKey);
        return aes;
    }

    /** Part of the setup: BouncyCastle's default GHASH multiplier, a 4 KiB table (256 x long[2]) built from H. */
    @Benchmark
    public GCMMultiplier bcGhashTableInit() {
        GCMMultiplier multiplier = new Tables4kGCMMultiplier();
        multiplier.init(ghashKey);
        return multiplier;
    }

    /** As {@link #bcGcmSealOpenPreinitialised} with the 64 KiB GHASH table instead of the default 4 KiB one. */
    @Benchmark
    public byte[] bcGcmSealOpenPreinitialised64kTable() throws InvalidCipherTextException {
        byte[] n = nextNonce();
        bcPreinitialised64k.init(true, new AEADParameters(null, TAG_BITS, n, AAD));
        byte[] sealed = bcRun(bcPreinitialised64k, plaintext);
        bcPreinitialised64k.init(false, new AEADParameters(null, TAG_BITS, n, AAD));
        return bcRun(bcPreinitialised64k, sealed);
    }

    /** The JDK as the JDK comparison cipher uses it: Cipher.getInstance + init per call. */
    @Benchmark
    public byte[] jdkGcmSealOpenNewCipherPerCall() throws GeneralSecurityException {
        byte[] n = nextNonce();
        Cipher seal = Cipher.getInstance("AES/GCM/NoPadding");
        seal.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(TAG_BITS, n));
        seal.updateAAD(AAD);
        byte[] sealed = seal.doFinal(plaintext);
        Cipher open = Cipher.getInstance("AES/GCM/NoPadding");
        open.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(TAG_BITS, n));
        open.updateAAD(AAD);
        return open.doFinal(sealed);
    }

    /** One JDK Cipher kept, init per operation (a JDK GCM cipher must be re-initialised with a new nonce anyway). */
    @Benchmark
    public byte[] jdkGcmSealOpenPreinstantiated() throws GeneralSecurityException {
        byte[] n = nextNonce();
        jdkPreinstantiated.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(TAG_BITS, n));
        jdkPreinstantiated.updateAAD(AAD);
        byte[] sealed = jdkPreinstantiated.doFinal(plaintext);
        jdkPreinstantiated.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(TAG_BITS, n));
        jdkPreinstantiated.updateAAD(AAD);
        return jdkPreinstantiated.doFinal(sealed);
    }

    // ---- the rest of a round trip

    /** The nonce as production makes it: the shared default SecureRandom (NativePRNG on Linux). */
    @Benchmark
    public byte[] nonceNativePrng() {
        byte[] n = new byte[12];
        nativePrng.nextBytes(n);
        return n;
    }

    /** The JDK's DRBG (SP 800-90A Hash_DRBG SHA-256), seeded once from the system. */
    @Benchmark
    public byte[] nonceDrbg() {
        byte[] n = new byte[12];
        drbg.nextBytes(n);
        return n;
    }

    /** Base64url without padding: encode the 52-byte body and decode it back. */
    @Benchmark
    public byte[] base64EncodeDecode() {
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        return Base64.getUrlDecoder().decode(text);
    }

    /** The strings around one round trip: UTF-8 of the plaintext, the associated data twice, the stored string, header parsing, back to a String. */
    @Benchmark
    public String stringsAndAssociatedData() {
        byte[] in = Fixtures.EMAIL.getBytes(StandardCharsets.UTF_8);
        byte[] aadSeal = associatedData();
        String stored = "pb1:k1:" + encodedBody;
        String keyId = stored.substring(4, stored.indexOf(':', 4));
        byte[] aadOpen = associatedData();
        return keyId + new String(in, StandardCharsets.UTF_8) + aadSeal.length + aadOpen.length;
    }

    /** The derived key lookup, twice per round trip (HKDF result cached in the ring, copied per call). */
    @Benchmark
    public byte[] keyLookup() {
        return ring.derive("k1", "field-encryption", 32);
    }

    // ---- blind index parts

    /** NFKC + strip + lower case of an email. */
    @Benchmark
    public String blindIndexNormalize() {
        return HmacBlindIndex.normalize("Alice.Martin@Example.com");
    }

    /** HMAC-SHA256 of the email with BouncyCastle (new HMac per call, as production). */
    @Benchmark
    public byte[] hmacBouncyCastle() {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(hmacKey));
        hmac.update(plaintext, 0, plaintext.length);
        byte[] out = new byte[32];
        hmac.doFinal(out, 0);
        return out;
    }

    /** HMAC-SHA256 of the email with the JDK (SHA-NI / intrinsics), one Mac re-initialised per call. */
    @Benchmark
    public byte[] hmacJdk() throws GeneralSecurityException {
        jdkHmac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
        return jdkHmac.doFinal(plaintext);
    }

    private static GCMModeCipher newBc(boolean encrypt, KeyParameter key, byte[] nonce) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(key, TAG_BITS, nonce, AAD));
        return gcm;
    }

    private static byte[] bcRun(GCMModeCipher gcm, byte[] input) throws InvalidCipherTextException {
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int written = gcm.processBytes(input, 0, input.length, out, 0);
        gcm.doFinal(out, written);
        return out;
    }

    private static byte[] associatedData() {
        byte[] head = "pb1:k1:".getBytes(StandardCharsets.UTF_8);
        byte[] where = Fixtures.EMAIL_CONTEXT.associatedData();
        byte[] all = new byte[head.length + where.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(where, 0, all, head.length, where.length);
        return all;
    }

    private byte[] nextNonce() {
        long value = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[i] = (byte) (value >>> (8 * i));
        }
        return nonce.clone();
    }
}

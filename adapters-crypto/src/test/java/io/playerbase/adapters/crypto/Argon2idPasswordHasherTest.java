package io.playerbase.adapters.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.PasswordHasherContract;
import io.playerbase.domain.shared.Unavailable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idPasswordHasherTest {

    private static final Argon2Params SMALL = new Argon2Params(1024, 1, 1);

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(SMALL);

    @Test
    void generatorMatchesTheRfc9106Argon2idVector() {
        byte[] tag = Argon2idPasswordHasher.argon2id(repeat(0x01, 32), repeat(0x02, 16), new Argon2Params(32, 3, 4),
                repeat(0x03, 8), repeat(0x04, 12), 32);

        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", HexFormat.of().formatHex(tag));
    }

    @Test
    void verifiesHashesFromTheReferenceImplementation() {
        // phc-winner-argon2 src/test.c and its README example.
        assertTrue(hasher.verify("password", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
        assertTrue(hasher.verify("password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
        assertFalse(hasher.verify("passwore", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
    }

    @Test
    void hashesInThePhcFormatWithItsParameters() {
        String hash = hasher.hash("correct horse");

        // 16-byte salt and 32-byte hash in unpadded standard base64: 22 and 43 characters.
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void roundTripsAndRejectsAWrongPassword() {
        String hash = hasher.hash("correct horse battery staple");

        assertTrue(hasher.verify("correct horse battery staple", hash));
        assertFalse(hasher.verify("correct horse battery stapl", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        String hash = hasher.hash("pässwörd 密码");

        assertTrue(hasher.verify("pässwörd 密码", hash));
        assertFalse(hasher.verify("passwort 密码", hash));
    }

    @Test
    void saltsMakeEqualPasswordsHashDifferently() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void defaultParametersAreOwaspAndRoundTrip() {
        Argon2idPasswordHasher defaults = new Argon2idPasswordHasher();
        String hash = defaults.hash("s3cret!");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(defaults.verify("s3cret!", hash));
        assertFalse(defaults.verify("s3cret?", hash));
        assertFalse(defaults.needsRehash(hash));
    }

    @Test
    void hashesWithOtherParametersStillVerify() {
        String old = new Argon2idPasswordHasher(new Argon2Params(512, 2, 2)).hash("pw");

        assertTrue(hasher.verify("pw", old));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "password", "$argon2id$", "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8",
        "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4=",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$n",
        "$argon2id$v=19$m=256,t=2,p=1$c29t$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=0,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=999999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=999999999,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4$extra",
        "$2b$04$tooShort",
        "$2b$99$EGdrhbKUv8Oc9vGiXX0HQOxSg445d458Muh7DAHskb6QbtCvdxcie",
    })
    void malformedHashesDoNotVerifyAndNeedARehash(String encoded) {
        assertFalse(hasher.verify("password", encoded));
        assertTrue(hasher.needsRehash(encoded));
    }

    @Test
    void needsRehashWhenAnyCostIsBelowTheConfiguredOne() {
        Argon2idPasswordHasher configured = new Argon2idPasswordHasher(new Argon2Params(2048, 2, 2));

        assertFalse(configured.needsRehash(configured.hash("pw")));
        assertFalse(configured.needsRehash(new Argon2idPasswordHasher(new Argon2Params(4096, 3, 2)).hash("pw")));
        assertTrue(configured.needsRehash(new Argon2idPasswordHasher(new Argon2Params(1024, 2, 2)).hash("pw")));
        assertTrue(configured.needsRehash(new Argon2idPasswordHasher(new Argon2Params(2048, 1, 2)).hash("pw")));
        assertTrue(configured.needsRehash(new Argon2idPasswordHasher(new Argon2Params(2048, 2, 1)).hash("pw")));
    }

    @Test
    void legacyBcryptHashesVerifyAndNeedARehash() {
        // Made by Python bcrypt (the old system's library).
        String known = "$2b$04$EGdrhbKUv8Oc9vGiXX0HQOxSg445d458Muh7DAHskb6QbtCvdxcie";
        assertTrue(hasher.verify("correctbatteryhorsestapler", known));
        assertFalse(hasher.verify("correctbatteryhorsestaple", known));
        assertTrue(hasher.needsRehash(known));

        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 7);
        for (String version : new String[] {"2a", "2b", "2y"}) {
            String generated = OpenBSDBCrypt.generate(version, "hunter2".getBytes(StandardCharsets.UTF_8), salt, 4);
            assertTrue(generated.startsWith("$" + version + "$"), generated);
            assertTrue(hasher.verify("hunter2", generated), generated);
            assertFalse(hasher.verify("hunter3", generated), generated);
            assertTrue(hasher.needsRehash(generated));
        }
    }

    @Test
    void aSaturatedPoolAnswersUnavailable() throws InterruptedException {
        Argon2idPasswordHasher single = new Argon2idPasswordHasher(SMALL, 1, Duration.ofMillis(20));
        String hash = single.hash("pw");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> single.withPermit(() -> {
            holding.countDown();
            awaitQuietly(release);
            return null;
        }));
        holder.start();
        holding.await();
        try {
            assertEquals("hashing-busy", assertThrows(Unavailable.class, () -> single.hash("pw")).code());
            assertThrows(Unavailable.class, () -> single.verify("pw", hash));
            assertThrows(Unavailable.class, () -> single.verify("pw", PasswordHasher.NO_PASSWORD),
                    "checking an account without a password does a hash's work too, like a wrong password");
        } finally {
            release.countDown();
            holder.join();
        }

        assertTrue(single.verify("pw", hash), "the permit is back once the holder is done");
    }

    @Test
    void anInterruptedCallerGetsUnavailableAndKeepsItsInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(Unavailable.class, () -> hasher.hash("pw"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsParametersArgon2DoesNotAccept() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(7, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(1024, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(1024, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2idPasswordHasher(SMALL, 0, Duration.ofSeconds(1)));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** The port's contract, which the test stand-in keeps too. */
    @Nested
    class Contract extends PasswordHasherContract {
        @Override
        protected PasswordHasher createHasher() {
            return new Argon2idPasswordHasher(SMALL);
        }
    }
}

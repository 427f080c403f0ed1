package io.playerbase.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import io.playerbase.adapters.crypto.AesGcmFieldCipher;
import io.playerbase.adapters.crypto.AesGcmPersonalDataKeys;
import io.playerbase.adapters.crypto.Argon2Params;
import io.playerbase.adapters.crypto.Argon2idPasswordHasher;
import io.playerbase.adapters.crypto.FernetLegacyCipher;
import io.playerbase.adapters.crypto.HmacBlindIndex;
import io.playerbase.adapters.crypto.HmacSecretHasher;
import io.playerbase.adapters.crypto.KeyRing;
import io.playerbase.adapters.crypto.MasterKeyFile;
import io.playerbase.adapters.mongo.connection.EmbeddedStoreSettings;
import io.playerbase.adapters.mongo.connection.MongoConnectionSettings;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.FieldCipher;
import io.playerbase.domain.shared.LegacyCipher;
import io.playerbase.domain.shared.PasswordHasher;
import io.playerbase.domain.shared.PersonalDataKeys;
import io.playerbase.domain.shared.SecretHasher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * Wires the framework-free crypto adapter. The master key comes from
 * {@code playerbase.crypto.master-key}; without one, the embedded store generates a key file in its
 * data directory (an in-memory store gets a throw-away key) and an external MongoDB refuses to start,
 * because data encrypted under a lost key is lost.
 */
@Factory
final class CryptoFactory {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoFactory.class);

    @Singleton
    KeyRing keyRing(CryptoSettings settings, MongoConnectionSettings mongo, EmbeddedStoreSettings embedded) {
        if (!CryptoSettings.blank(settings.masterKey())) {
            return KeyRing.parse(settings.masterKey().strip());
        }
        if (!mongo.embedded()) {
            throw new ConfigurationException("No master key configured. With an external MongoDB set "
                    + "PLAYERBASE_CRYPTO_MASTER_KEY (base64 of 32 random bytes) or the secret file "
                    + "playerbase_crypto_master_key; see docs/operations.md.");
        }
        if (embedded.inMemory()) {
            LOG.warn("No master key configured: using a throw-away key for the in-memory store");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return KeyRing.of("k1", Map.of("k1", key));
        }
        MasterKeyFile.LoadedKey loaded = MasterKeyFile.loadOrCreate(Path.of(embedded.dataDir().strip()));
        if (loaded.generated()) {
            LOG.warn("No master key configured: generated {} for the embedded store. Back it up with the data; "
                    + "configure PLAYERBASE_CRYPTO_MASTER_KEY for anything beyond development.", loaded.file());
        } else {
            LOG.info("Using the master key file {} of the embedded store", loaded.file());
        }
        return loaded.keyRing();
    }

    @Singleton
    FieldCipher fieldCipher(KeyRing ring) {
        return new AesGcmFieldCipher(ring);
    }

    @Singleton
    PersonalDataKeys personalDataKeys(KeyRing ring, FieldCipher serviceCipher, CryptoSettings settings) {
        return new AesGcmPersonalDataKeys(ring, serviceCipher, settings.dataKeyCacheSize());
    }

    /**
     * Pinned to one master key (default: the oldest), so a new primary key does not invalidate stored
     * indexes; a next key, when set, starts a side-by-side index rotation (docs/encryption.md).
     */
    @Singleton
    BlindIndex blindIndex(KeyRing ring, CryptoSettings settings) {
        return new HmacBlindIndex(ring,
                CryptoSettings.blank(settings.blindIndexKeyId()) ? HmacBlindIndex.oldestKeyId(ring) : settings.blindIndexKeyId(),
                CryptoSettings.blank(settings.blindIndexNextKeyId()) ? null : settings.blindIndexNextKeyId());
    }

    @Singleton
    SecretHasher secretHasher(KeyRing ring) {
        return new HmacSecretHasher(ring);
    }

    @Singleton
    PasswordHasher passwordHasher(PasswordSettings settings) {
        return new Argon2idPasswordHasher(new Argon2Params(settings.memoryKib(), settings.iterations(), settings.parallelism()),
                settings.maxConcurrent(), settings.acquireTimeout());
    }

    /** The JWT signing key is derived from the master key, so there is no second secret to manage. */
    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration jwtSignature(KeyRing ring) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(Base64.getEncoder().encodeToString(ring.derive(ring.primaryKeyId(), "jwt-signing", 32)));
        configuration.setBase64(true);
        return new SecretSignature(configuration);
    }

    /** The old system's Fernet key, when {@code playerbase.legacy.encryption-key} and {@code -salt} are set (docs/migrations.md). */
    @Singleton
    LegacyCipher legacyCipher(LegacyEncryptionSettings settings) {
        String key = CryptoSettings.blank(settings.encryptionKey()) ? "" : settings.encryptionKey();
        String salt = CryptoSettings.blank(settings.encryptionSalt()) ? "" : settings.encryptionSalt();
        if (key.isBlank() != salt.isBlank()) {
            throw new IllegalStateException("Set both playerbase.legacy.encryption-key and playerbase.legacy.encryption-salt, or neither");
        }
        return key.isBlank() ? LegacyCipher.NONE : new FernetLegacyCipher(key, salt);
    }

    /**
     * Milliseconds, the precision of a stored BSON date: a timestamp reads the same in the answer that
     * wrote it and in every later read ({@code …10.027Z}, never {@code …10.027446700Z} first).
     */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}

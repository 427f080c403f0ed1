package io.playerbase.adapters.mongo.user;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code playerbase.crypto.*} settings of what the Mongo adapters encrypt and how they keep it so
 * (defaults in {@code application.yml}; the keys themselves are the crypto adapter's settings).
 *
 * @param sensitiveFields            user-document paths encrypted at rest ({@link SensitiveFields})
 * @param pendingKeyGrace            a data key pending longer than this (longer than any insert runs) is settled
 * @param pendingKeyRecoveryInterval how often pending data keys are settled
 * @param erasureRecoveryInterval    how often erasures interrupted before their data key was destroyed are completed
 * @param reencryptionBatchSize      documents per batch of the re-encryption pass
 */
@ConfigurationProperties("playerbase.crypto")
public record EncryptionStoreSettings(List<String> sensitiveFields, Duration pendingKeyGrace,
                                      Duration pendingKeyRecoveryInterval, Duration erasureRecoveryInterval,
                                      int reencryptionBatchSize) {

    public EncryptionStoreSettings {
        Objects.requireNonNull(sensitiveFields, missing("sensitive-fields"));
        Objects.requireNonNull(pendingKeyGrace, missing("pending-key-grace"));
        Objects.requireNonNull(pendingKeyRecoveryInterval, missing("pending-key-recovery-interval"));
        Objects.requireNonNull(erasureRecoveryInterval, missing("erasure-recovery-interval"));
        if (reencryptionBatchSize < 1) {
            throw new IllegalArgumentException("playerbase.crypto.reencryption-batch-size must be at least 1");
        }
        sensitiveFields = List.copyOf(sensitiveFields);
    }

    private static String missing(String property) {
        return "playerbase.crypto." + property + " is not set (application.yml holds the defaults)";
    }
}

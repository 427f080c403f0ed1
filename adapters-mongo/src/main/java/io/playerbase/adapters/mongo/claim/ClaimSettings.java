package io.playerbase.adapters.mongo.claim;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code playerbase.claims.*} settings (defaults in {@code application.yml}; docs/scaling.md).
 *
 * @param pendingGrace     a claim pending longer than this (longer than any owner's write takes) is settled
 * @param recoveryInterval how often the recovery pass settles pending claims
 */
@ConfigurationProperties("playerbase.claims")
record ClaimSettings(Duration pendingGrace, Duration recoveryInterval) {

    ClaimSettings {
        Objects.requireNonNull(pendingGrace, "playerbase.claims.pending-grace is not set (application.yml holds the defaults)");
        Objects.requireNonNull(recoveryInterval,
                "playerbase.claims.recovery-interval is not set (application.yml holds the defaults)");
    }
}

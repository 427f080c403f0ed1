package io.playerbase.adapters.mongo.claim;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.domain.shared.ClaimHolder;
import io.playerbase.domain.shared.UniqueClaims;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recovery pass of {@link UniqueClaims}: every {@code playerbase.claims.recovery-interval}, on one
 * instance at a time (lease {@code claims-recovery}), the claims pending for longer than
 * {@code playerbase.claims.pending-grace} (longer than any owner's write takes) are confirmed when their
 * owner holds the key and freed when not (a crash between a claim and its owner's write, or between the
 * write and the confirmation or release).
 */
@Singleton
final class ClaimRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimRecovery.class);

    private final UniqueClaims claims;
    private final Map<String, ClaimHolder> holders = new LinkedHashMap<>();
    private final Leases leases;
    private final Duration grace;
    private final Duration interval;
    private final Clock clock;

    ClaimRecovery(UniqueClaims claims, List<ClaimHolder> holders, Leases leases, @Nullable Clock clock,
                  ClaimSettings settings) {
        this.claims = claims;
        holders.forEach(holder -> this.holders.put(holder.kind(), holder));
        this.leases = leases;
        this.grace = settings.pendingGrace();
        this.interval = settings.recoveryInterval();
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    @Scheduled(initialDelay = "20s", fixedDelay = "${playerbase.claims.recovery-interval:60s}")
    void settlePeriodically() {
        try {
            leases.runIfHeld("claims-recovery", interval.multipliedBy(2), this::settle);
        } catch (RuntimeException e) {
            LOG.warn("Claim recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }

    /** One pass; how many claims it settled. */
    int settle() {
        int settled = claims.settlePending(clock.instant().minus(grace), holders);
        if (settled > 0) {
            LOG.info("Claim recovery settled {} claims left pending by interrupted writes", settled);
        }
        return settled;
    }
}

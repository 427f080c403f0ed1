package io.playerbase.bootstrap;

import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.application.dutchgame.port.in.RecoverDutchMatchesUseCase;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Runs the Dutch recovery pass periodically: matches a crashed or abandoned report left half-way are
 * completed (or their holds released) as a retry of the report would. One instance runs it at a time
 * (lease {@code dutch-recovery}).
 */
@Singleton
final class DutchMatchRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(DutchMatchRecovery.class);

    private final RecoverDutchMatchesUseCase recover;
    private final Duration minAge;
    private final Leases leases;
    private final Duration interval;

    DutchMatchRecovery(RecoverDutchMatchesUseCase recover, DutchGameProperties properties, Leases leases) {
        this.recover = recover;
        this.minAge = properties.recoveryMinAge();
        this.leases = leases;
        this.interval = properties.recoveryInterval();
    }

    @Scheduled(initialDelay = "10s", fixedDelay = "${playerbase.dutch-game.recovery-interval}")
    void run() {
        try {
            leases.runIfHeld("dutch-recovery", interval.multipliedBy(2), () -> {
                int finished = recover.recover(new RecoverDutchMatchesUseCase.Command(minAge));
                if (finished > 0) {
                    LOG.info("Dutch recovery finished {} matches left half-way", finished);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Dutch recovery pass failed; the next one retries: {}", e.getMessage());
        }
    }
}

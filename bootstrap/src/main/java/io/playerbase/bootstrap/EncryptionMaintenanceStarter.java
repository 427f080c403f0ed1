package io.playerbase.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.playerbase.adapters.mongo.lease.Leases;
import io.playerbase.adapters.mongo.maintenance.EncryptionMaintenance;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.time.Duration;

/**
 * Starts the re-encryption pass in the background once the service serves requests, when one is due
 * (first start, a new primary master key, or an interrupted pass). The service stays up meanwhile.
 * One instance runs the pass (lease {@code reencryption}, renewed while it runs): the others skip it.
 */
@Singleton
@Requires(property = "playerbase.crypto.reencrypt-at-start", notEquals = "false")
final class EncryptionMaintenanceStarter {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptionMaintenanceStarter.class);

    private final EncryptionMaintenance maintenance;
    private final ExecutorService executor;
    private final Leases leases;

    EncryptionMaintenanceStarter(EncryptionMaintenance maintenance, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
                                 Leases leases) {
        this.maintenance = maintenance;
        this.executor = executor;
        this.leases = leases;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        executor.submit(() -> {
            try {
                if (maintenance.due()) {
                    // Released at once when done (a zero hold): a later start may need a new pass. Asked
                    // again under the lease: an instance that starts while another finishes the pass
                    // finds it done rather than running it a second time.
                    leases.runIfHeld("reencryption", Duration.ZERO, () -> {
                        if (maintenance.due()) {
                            maintenance.run();
                        }
                    });
                }
            } catch (RuntimeException e) {
                LOG.error("Re-encryption pass failed; it resumes at the next start or with the reencrypt command", e);
            }
        });
    }
}

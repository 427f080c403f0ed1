package io.playerbase.adapters.mongo.migration;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.playerbase.adapters.mongo.support.MongoErrors;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the database migrated while the service runs.
 * <ul>
 *   <li>At start (before the HTTP server opens) pending change units are applied, so no request
 *       meets an unmigrated database. A failing change unit stops the start; an unreachable database
 *       does not: the server starts with readiness DOWN and requests to the API answer 503.</li>
 *   <li>Every {@code playerbase.migrations.check-interval} the change log is compared with this build:
 *       when units are pending (the database was down at start, came back empty, or a restored or
 *       replaced primary lacks some) they are applied under Mongock's lock, without a restart.</li>
 * </ul>
 * Two instances doing so together are serialized by that lock.
 */
@Singleton
@Requires(property = "playerbase.migrations.run-at-start", notEquals = "false")
public final class MigrateOnStartup implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrateOnStartup.class);

    private final MigrationRunner runner;
    private volatile boolean upToDate;
    /** Set once the start's own attempt ended: before that, the periodic check would only race it. */
    private volatile boolean startAttempted;

    MigrateOnStartup(MigrationRunner runner) {
        this.runner = runner;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            runner.migrate();
            upToDate = true;
        } catch (RuntimeException e) {
            if (MongoErrors.unavailable(e) == null) {
                throw e;
            }
            LOG.warn("The database is not reachable at start; the service starts not ready and applies "
                    + "migrations once it answers: {}", e.getMessage());
        } finally {
            startAttempted = true;
        }
    }

    /** Whether the last look found the database migrated; until then the API answers 503. */
    public boolean upToDate() {
        return upToDate;
    }

    @Scheduled(initialDelay = "${playerbase.migrations.check-interval:5s}",
            fixedDelay = "${playerbase.migrations.check-interval:5s}")
    void check() {
        if (!startAttempted) {
            return;
        }
        try {
            MigrationStatus status = runner.status();
            if (status.pending().isEmpty()) {
                upToDate = true;
                return;
            }
            upToDate = false;
            LOG.warn("{} change units pending ({}): applying them now", status.pending().size(),
                    status.applied().isEmpty() ? "the database has no migration history: empty or replaced"
                            : String.join(", ", status.pending()));
            runner.migrate();
            upToDate = true;
        } catch (RuntimeException e) {
            // A database that cannot be read now is not known to be behind: requests find out themselves.
            LOG.warn("Migration check failed; retrying in the next check: {}", e.getMessage());
        }
    }
}

package io.playerbase.adapters.mongo.migration;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Applies pending migrations when the application context starts, which is before the HTTP server
 * is started, so no request meets an unmigrated database. A failure propagates and stops the start.
 * Two instances starting together are serialized by Mongock's lock.
 */
@Singleton
@Requires(property = "playerbase.migrations.run-at-start", notEquals = "false")
final class MigrateOnStartup implements ApplicationEventListener<StartupEvent> {

    private final MigrationRunner runner;

    MigrateOnStartup(MigrationRunner runner) {
        this.runner = runner;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        runner.migrate();
    }
}

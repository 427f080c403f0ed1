package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

@Singleton
final class MigrateCommand implements CliCommand {

    private final MigrationRunner runner;

    MigrateCommand(MigrationRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String summary() {
        return "apply pending migrations (under Mongock's lock) and exit";
    }

    @Override
    public boolean needsMigratedDatabase() {
        return false;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        TerminalProgress terminal = TerminalProgress.on(out);
        List<String> pendingBefore = runner.status().pending();
        // Mongock reports nothing per change unit, so its change log is polled while it runs.
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        poller.scheduleAtFixedRate(() -> terminal.progress("change units", appliedSince(pendingBefore), pendingBefore.size()),
                0, 1, TimeUnit.SECONDS);
        MigrationStatus status;
        try {
            status = runner.migrate();
        } finally {
            stop(poller);
        }
        terminal.progress("change units", appliedSince(pendingBefore), pendingBefore.size());
        terminal.finish();
        int appliedNow = pendingBefore.size() - status.pending().size();
        out.println("Applied " + appliedNow + " change units " + terminal.took(appliedNow, "change units"));
        out.println("Applied: " + status.applied().size() + " change units; pending: " + status.pending());
        return status.upToDate() ? 0 : 1;
    }

    /** Stops the poller and waits for a look in progress, so nothing is drawn after the summary. */
    private static void stop(ScheduledExecutorService poller) {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long appliedSince(List<String> pendingBefore) {
        try {
            List<String> pending = runner.status().pending();
            return pendingBefore.stream().filter(id -> !pending.contains(id)).count();
        } catch (RuntimeException e) {
            // Progress is only a display: a failed look at the change log must not disturb the migration.
            return 0;
        }
    }
}

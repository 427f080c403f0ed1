package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.migration.LegacyReport;
import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;

/** Read-only: what is applied and what is pending, from the database itself. */
@Singleton
final class StatusCommand implements CliCommand {

    private final MigrationRunner runner;
    private final LegacyReport legacy;

    StatusCommand(MigrationRunner runner, LegacyReport legacy) {
        this.runner = runner;
        this.legacy = legacy;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show applied and pending migrations and the legacy data left, changing nothing";
    }

    @Override
    public boolean needsMigratedDatabase() {
        return false;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        MigrationStatus status = runner.status();
        out.println("Applied (" + status.applied().size() + "):");
        status.applied().forEach(id -> out.println("  " + id));
        out.println("Pending (" + status.pending().size() + "):");
        status.pending().forEach(id -> out.println("  " + id));
        LegacyReport.Counts counts = legacy.count();
        out.println("Users: " + counts.users());
        out.println("Legacy data left:");
        LegacyReport.describe(counts).forEach(line -> out.println("  " + line));
        return 0;
    }
}

package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;

/** Read-only: what is applied and what is pending, from the database itself. */
@Singleton
final class StatusCommand implements CliCommand {

    private final MigrationRunner runner;

    StatusCommand(MigrationRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show applied and pending migrations without changing anything";
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
        return 0;
    }
}

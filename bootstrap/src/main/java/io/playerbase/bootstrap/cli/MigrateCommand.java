package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.migration.MigrationRunner;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;

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
        MigrationStatus status = runner.migrate();
        out.println("Applied: " + status.applied().size() + " change units; pending: " + status.pending());
        return status.upToDate() ? 0 : 1;
    }
}

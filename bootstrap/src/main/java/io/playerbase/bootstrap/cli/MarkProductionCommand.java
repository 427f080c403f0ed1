package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.migration.DatabaseReset;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;

/** Marks the database as production, so that {@code reset} refuses it whatever the configuration says. */
@Singleton
final class MarkProductionCommand implements CliCommand {

    private final DatabaseReset reset;

    MarkProductionCommand(DatabaseReset reset) {
        this.reset = reset;
    }

    @Override
    public String name() {
        return "mark-production";
    }

    @Override
    public String summary() {
        return "mark the database as production: reset refuses it from then on";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        reset.markProduction();
        out.println("Database marked production; reset refuses it from now on.");
        return 0;
    }
}

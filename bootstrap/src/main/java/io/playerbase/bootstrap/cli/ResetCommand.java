package io.playerbase.bootstrap.cli;

import io.playerbase.adapters.mongo.migration.DatabaseReset;
import io.playerbase.adapters.mongo.migration.MigrationStatus;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.List;

/** Development only: erase the database and run the fresh setup (refused without confirmation or on production). */
@Singleton
final class ResetCommand implements CliCommand {

    static final String CONFIRMATION = "--yes-erase-everything";

    private final DatabaseReset reset;

    ResetCommand(DatabaseReset reset) {
        this.reset = reset;
    }

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String summary() {
        return "development only: erase the database and run fresh setup (needs " + CONFIRMATION + ")";
    }

    @Override
    public boolean needsMigratedDatabase() {
        return false;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (!arguments.contains(CONFIRMATION)) {
            err.println("reset erases every collection of the database. Run it again with " + CONFIRMATION + " to confirm.");
            return 2;
        }
        String refusal = reset.refusal();
        if (refusal != null) {
            err.println("Reset refused: " + refusal + ".");
            return 3;
        }
        MigrationStatus status = reset.reset();
        out.println("Database erased; fresh setup applied: " + status.applied().size() + " change units.");
        return 0;
    }
}

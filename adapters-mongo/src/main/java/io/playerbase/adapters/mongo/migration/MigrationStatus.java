package io.playerbase.adapters.mongo.migration;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * Applied and pending change units, from Mongock's change log compared with the change units of this
 * build, and the outcome of the last run in this process.
 *
 * @param applied  ids recorded as executed in the database, in order
 * @param pending  ids of this build not executed yet, in order
 * @param lastRunAt when the last run in this process ended ({@code null} if none ran)
 * @param lastError why the last run failed ({@code null} unless it failed)
 */
public record MigrationStatus(List<String> applied, List<String> pending, Outcome lastRun,
                              @Nullable Instant lastRunAt, @Nullable String lastError) {

    public enum Outcome { NOT_RUN, SUCCEEDED, FAILED }

    public MigrationStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    /** Nothing pending and the last run (if any) did not fail. */
    public boolean upToDate() {
        return pending.isEmpty() && lastRun != Outcome.FAILED;
    }
}

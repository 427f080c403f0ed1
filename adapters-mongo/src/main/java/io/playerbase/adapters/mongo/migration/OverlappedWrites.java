package io.playerbase.adapters.mongo.migration;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the bulk writes of a change unit on a thread of their own, one at a time, while the unit reads
 * and prepares the next batch: on a 2-core machine with the embedded store, preparing a batch (reading,
 * encrypting, encoding) and the server applying the previous one take about as long, so overlapping
 * them nearly halves the wall time. At most one write is in flight: {@link #submit} first waits for the
 * previous one, so memory stays at two batches and a failed write stops the unit at the next batch.
 *
 * <p>Nothing else changes: each write is the same unordered bulk write, and when the unit fails (a
 * write or its own code) {@link #close} waits for the write in flight before the unit reports it, so
 * nothing is written after the unit has failed and released Mongock's lock.
 *
 * <p>Used by V0040 and V0041; frozen with them (a change is a new class).
 */
final class OverlappedWrites implements AutoCloseable {

    private final ExecutorService writer;
    private Future<Long> inFlight;
    private long total;

    OverlappedWrites(String name) {
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Waits for the write in flight (its failure is thrown here), then starts this one. */
    void submit(Callable<Long> write) {
        await();
        inFlight = writer.submit(write);
    }

    /** Waits for the last write; the sum of what the writes returned. */
    long finish() {
        await();
        return total;
    }

    private void await() {
        if (inFlight == null) {
            return;
        }
        Future<Long> pending = inFlight;
        inFlight = null;
        try {
            total += pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a bulk write was running", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lets a write still in flight end (after a failure of the unit), then stops the thread. */
    @Override
    public void close() {
        if (inFlight != null) {
            try {
                inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // The unit is failing already; its own failure is the one reported.
            }
            inFlight = null;
        }
        writer.shutdownNow();
    }
}

package io.playerbase.adapters.mongo.migration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the bulk writes of a change unit on threads of their own while the unit reads and prepares the
 * next batch: on a 2-core machine with the embedded store, preparing a batch (reading, encrypting,
 * encoding) and the server applying one take about as long, so overlapping them cuts the wall time by a
 * third or more. At most {@value #IN_FLIGHT} writes are in flight: {@link #submit} first waits for the
 * oldest, so memory stays at a few batches and a failed write stops the unit within two batches. The
 * writes are unordered bulk writes of distinct users, so their order does not matter.
 *
 * <p>Nothing else changes: each write is the same unordered bulk write, and when the unit fails (a
 * write or its own code) {@link #close} waits for the writes in flight before the unit reports it, so
 * nothing is written after the unit has failed and released Mongock's lock.
 *
 * <p>Used by V0040 and V0041; frozen with them (a change is a new class).
 */
final class OverlappedWrites implements AutoCloseable {

    /** Writes in flight at most: the server decodes one while it applies the other. */
    private static final int IN_FLIGHT = 2;

    private final ExecutorService writer;
    private final Deque<Future<Long>> inFlight = new ArrayDeque<>();
    private long total;

    OverlappedWrites(String name) {
        this.writer = Executors.newFixedThreadPool(IN_FLIGHT, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Waits until fewer than {@value #IN_FLIGHT} writes are in flight (a failure is thrown here), then starts this one. */
    void submit(Callable<Long> write) {
        while (inFlight.size() >= IN_FLIGHT) {
            awaitOldest();
        }
        inFlight.addLast(writer.submit(write));
    }

    /** Waits for every write; the sum of what the writes returned. */
    long finish() {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        return total;
    }

    private void awaitOldest() {
        Future<Long> pending = inFlight.removeFirst();
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

    /** Lets the writes still in flight end (after a failure of the unit), then stops the threads. */
    @Override
    public void close() {
        for (Future<Long> pending : inFlight) {
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // The unit is failing already; its own failure is the one reported.
            }
        }
        inFlight.clear();
        writer.shutdownNow();
    }
}

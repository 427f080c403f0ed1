package io.playerbase.adapters.mongo.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group delivery, like a database's group commit: a caller adds its items to the open batch and waits
 * until that batch is written. When no batch is being written, the caller takes the open batch (its
 * own items and those of everyone who arrived while the previous batch was written) and writes it, so
 * callers arriving together share one write instead of one each. Alone, a caller writes at once:
 * nobody waits for a timer. Each writer writes one batch, then the next waiting caller takes over, so
 * no caller keeps writing for others under steady load.
 */
final class GroupDelivery<T> {

    private final Consumer<List<T>> writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchWritten = lock.newCondition();
    private Batch<T> open = new Batch<>();
    private boolean writing;

    GroupDelivery(Consumer<List<T>> writer) {
        this.writer = writer;
    }

    private static final class Batch<T> {
        final List<T> items = new ArrayList<>();
        boolean written;
    }

    /** Puts the items in the open batch without writing it: the next {@link #deliver} writes them with its own. */
    void add(List<T> items) {
        lock.lock();
        try {
            open.items.addAll(items);
        } finally {
            lock.unlock();
        }
    }

    /** Returns once a batch holding the items was handed to the writer and the writer returned. */
    void deliver(List<T> items) {
        lock.lock();
        try {
            Batch<T> mine = open;
            mine.items.addAll(items);
            while (!mine.written) {
                if (writing) {
                    batchWritten.awaitUninterruptibly();
                    continue;
                }
                // Nobody is writing, so this caller's batch is still the open one: take it.
                writing = true;
                open = new Batch<>();
                lock.unlock();
                try {
                    writer.accept(mine.items);
                } finally {
                    lock.lock();
                    mine.written = true;
                    writing = false;
                    batchWritten.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}

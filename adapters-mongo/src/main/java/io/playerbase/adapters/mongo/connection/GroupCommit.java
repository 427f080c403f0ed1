package io.playerbase.adapters.mongo.connection;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the file-backed embedded store: every write command must be committed to the file
 * before it is acknowledged, but one commit covers every write finished before it started. A write that
 * arrives while a commit runs waits for it to end; then one of the waiting writes commits for all of
 * them, and the others find themselves covered. Under concurrent load, writes share commits instead of
 * queueing for one each; alone, a write is committed at once, as before.
 */
final class GroupCommit implements Runnable {

    private final Runnable commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition commitEnded = lock.newCondition();
    private long finished;
    private long committed;
    private boolean committing;

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /** Called after a write command was applied; returns once a commit that started after it ended. */
    @Override
    public void run() {
        lock.lock();
        try {
            long mine = ++finished;
            while (committed < mine) {
                if (committing) {
                    commitEnded.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                long covered = finished;
                boolean done = false;
                lock.unlock();
                try {
                    commit.run();
                    done = true;
                } finally {
                    lock.lock();
                    committing = false;
                    if (done) {
                        committed = Math.max(committed, covered);
                    }
                    commitEnded.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}

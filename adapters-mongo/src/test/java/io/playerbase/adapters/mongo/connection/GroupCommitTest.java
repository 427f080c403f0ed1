package io.playerbase.adapters.mongo.connection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    @Test
    void aLoneWriteIsCommittedEachTime() {
        AtomicInteger commits = new AtomicInteger();
        GroupCommit group = new GroupCommit(commits::incrementAndGet);

        group.run();
        group.run();

        assertEquals(2, commits.get());
    }

    @Test
    void everyWriteReturnsOnlyAfterACommitThatStartedAfterItAndConcurrentWritesShareCommits() throws Exception {
        AtomicLong applied = new AtomicLong();
        AtomicLong durable = new AtomicLong();
        AtomicInteger commits = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            long upTo = applied.get();
            sleep(1);
            durable.set(upTo);
            commits.incrementAndGet();
        });
        int threads = 16;
        int writes = 100;
        List<String> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < writes; i++) {
                    long mine = applied.incrementAndGet();
                    group.run();
                    if (durable.get() < mine) {
                        failures.add("write " + mine + " acknowledged before it was committed");
                    }
                }
                done.countDown();
            });
        }
        done.await();

        assertEquals(List.of(), failures);
        assertEquals(threads * writes, durable.get());
        assertTrue(commits.get() < threads * writes / 2, "concurrent writes shared commits: " + commits.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

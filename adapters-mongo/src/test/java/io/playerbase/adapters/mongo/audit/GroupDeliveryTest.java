package io.playerbase.adapters.mongo.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupDeliveryTest {

    @Test
    void aLoneCallerWritesItsOwnItemsAtOnce() {
        List<List<String>> writes = new ArrayList<>();
        GroupDelivery<String> delivery = new GroupDelivery<>(writes::add);

        delivery.deliver(List.of("a", "b"));
        delivery.deliver(List.of("c"));

        assertEquals(List.of(List.of("a", "b"), List.of("c")), writes);
    }

    @Test
    void addedItemsWaitAndGoWithTheNextDelivery() {
        List<List<String>> writes = new ArrayList<>();
        GroupDelivery<String> delivery = new GroupDelivery<>(writes::add);

        delivery.add(List.of("a"));
        assertEquals(List.of(), writes);

        delivery.deliver(List.of("b"));
        assertEquals(List.of(List.of("a", "b")), writes);
    }

    @Test
    void concurrentCallersShareWritesAndEachReturnsOnlyOnceItsItemsAreWritten() throws Exception {
        Set<String> written = Collections.synchronizedSet(new HashSet<>());
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        AtomicInteger writers = new AtomicInteger();
        GroupDelivery<String> delivery = new GroupDelivery<>(items -> {
            assertEquals(1, writers.incrementAndGet(), "one writer at a time");
            sleep(2);
            written.addAll(items);
            batchSizes.add(items.size());
            writers.decrementAndGet();
        });
        int threads = 16;
        int perThread = 50;
        List<String> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    String item = thread + "-" + i;
                    delivery.deliver(List.of(item));
                    if (!written.contains(item)) {
                        failures.add(item + " returned before it was written");
                    }
                }
                done.countDown();
            });
        }
        done.await();

        assertEquals(List.of(), failures);
        assertEquals(threads * perThread, written.size());
        assertEquals(threads * perThread, batchSizes.stream().mapToInt(Integer::intValue).sum(), "each item written once");
        assertTrue(batchSizes.size() < threads * perThread / 2, "callers arriving together shared writes: " + batchSizes.size());
    }

    @Test
    void aFailingWriteReleasesItsCallersAndTheNextBatchIsWritten() {
        List<List<String>> writes = new ArrayList<>();
        GroupDelivery<String> delivery = new GroupDelivery<>(items -> {
            if (items.contains("boom")) {
                throw new IllegalStateException("down");
            }
            writes.add(items);
        });

        try {
            delivery.deliver(List.of("boom"));
        } catch (IllegalStateException expected) {
            // the writer's failure reaches the caller whose batch it was
        }
        delivery.deliver(List.of("after"));

        assertEquals(List.of(List.of("after")), writes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

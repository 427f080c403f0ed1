package io.playerbase.adapters.mongo.lease;

import com.mongodb.client.MongoDatabase;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.domain.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeasesTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration HOLD = Duration.ofMinutes(2);

    private final MongoDatabase database = EmbeddedMongo.freshDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Leases first = new Leases(database, TTL, "instance-a", clock, true);
    private final Leases second = new Leases(database, TTL, "instance-b", clock, true);

    @Test
    void theHolderKeepsRunningTheJobAndTheOthersSkipIt() {
        AtomicInteger runs = new AtomicInteger();

        assertTrue(first.runIfHeld("job", HOLD, runs::incrementAndGet));
        assertFalse(second.runIfHeld("job", HOLD, runs::incrementAndGet));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(first.runIfHeld("job", HOLD, runs::incrementAndGet), "the holder renews its own lease");
        assertFalse(second.runIfHeld("job", HOLD, runs::incrementAndGet));

        assertEquals(2, runs.get());
        Document lease = database.getCollection("leases").find(new Document("_id", "job")).first();
        assertEquals("instance-a", lease.get("owner"));
    }

    @Test
    void aCommandProcessNeverTakesALease() {
        Leases command = new Leases(database, TTL, "create-admin", clock, false);
        AtomicInteger runs = new AtomicInteger();

        assertFalse(command.runIfHeld("wallet-recovery", HOLD, runs::incrementAndGet));

        assertEquals(0, runs.get());
        assertEquals(0, database.getCollection("leases").countDocuments());
        assertTrue(first.runIfHeld("wallet-recovery", HOLD, runs::incrementAndGet), "the serving instance is not held back");
    }

    @Test
    void everyLineTheJobLogsNamesIt() {
        List<String> seen = new ArrayList<>();

        assertTrue(first.runIfHeld("audit-recovery", HOLD, () -> seen.add(MDC.get(Leases.JOB))));

        assertEquals(List.of("audit-recovery"), seen);
        assertNull(MDC.get(Leases.JOB), "removed once the job is done");
    }

    @Test
    void anotherInstanceTakesOverWhenTheHoldersLeaseExpires() {
        assertTrue(first.runIfHeld("job", HOLD, () -> { }));
        clock.advance(HOLD.plusSeconds(1));

        assertTrue(second.runIfHeld("job", HOLD, () -> { }), "the holder died: its lease expired");
        assertFalse(first.runIfHeld("job", HOLD, () -> { }), "and it does not take the lease back while it is held");
    }

    @Test
    void leasesOfDifferentJobsAreIndependent() {
        assertTrue(first.runIfHeld("wallet-recovery", HOLD, () -> { }));
        assertTrue(second.runIfHeld("dutch-recovery", HOLD, () -> { }));
    }

    @Test
    void ofManyInstancesRacingForAFreeLeaseExactlyOneRuns() throws Exception {
        List<Leases> instances = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            instances.add(new Leases(database, TTL, "racer-" + i, clock, true));
        }
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Leases instance : instances) {
                results.add(pool.submit(() -> {
                    start.await();
                    return instance.runIfHeld("race", HOLD, runs::incrementAndGet);
                }));
            }
            start.countDown();
            int ran = 0;
            for (Future<Boolean> result : results) {
                ran += result.get() ? 1 : 0;
            }
            assertEquals(1, ran);
            assertEquals(1, runs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongRunIsRenewedSoNoOtherInstanceTakesItOver() {
        Duration ttl = Duration.ofMillis(300);
        Leases holder = new Leases(database, ttl, "long-a", clock, true);
        Leases other = new Leases(database, ttl, "long-b", clock, true);
        AtomicBoolean taken = new AtomicBoolean();

        holder.runIfHeld("long", Duration.ZERO, () -> {
            for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofMillis(200));
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                taken.compareAndSet(false, other.tryTake("long", ttl));
            }
        });

        assertFalse(taken.get(), "the holder renewed its lease while the run lasted (every ttl / 3)");
        clock.advance(Duration.ofMillis(1));
        assertTrue(other.tryTake("long", ttl), "a zero hold frees the lease when the run ends");
    }
}

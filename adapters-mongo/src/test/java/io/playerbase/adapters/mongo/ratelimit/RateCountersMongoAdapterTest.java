package io.playerbase.adapters.mongo.ratelimit;

import com.mongodb.client.MongoDatabase;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.RateCounters.Window;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.MutableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RateCountersMongoAdapter}, as several instances of the service share it: one database, one
 * adapter per instance (the port has no fake: the REST adapter's in-memory counters are another store).
 */
abstract class RateCountersMongoAdapterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private MongoDatabase database;
    private RateCountersMongoAdapter instanceA;
    private RateCountersMongoAdapter instanceB;

    /** The server to test against; each test gets a fresh database on it. */
    abstract MongoTarget target();

    @BeforeEach
    void twoInstancesOnAFreshDatabase() {
        database = target().client().getDatabase(EmbeddedMongo.uniqueDatabaseName());
        instanceA = new RateCountersMongoAdapter(database, new FakeBlindIndex(), clock);
        instanceB = new RateCountersMongoAdapter(database, new FakeBlindIndex(), clock);
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
    }

    @Test
    void twoInstancesCountInTheSameWindow() {
        assertEquals(new Window(1, T0.plus(MINUTE)), instanceA.hit("login|ann", MINUTE));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(new Window(2, T0.plus(MINUTE)), instanceB.hit("login|ann", MINUTE));
        assertEquals(new Window(3, T0.plus(MINUTE)), instanceA.hit("login|ann", MINUTE));
        assertEquals(3, instanceB.current("login|ann").orElseThrow().count());
        assertEquals(1, instanceB.hit("login|bob", MINUTE).count(), "keys count apart");
    }

    @Test
    void aNewWindowStartsAfterTheOldOneEnds() {
        instanceA.hit("k", MINUTE);
        instanceA.hit("k", MINUTE);
        clock.advance(MINUTE);

        assertTrue(instanceB.current("k").isEmpty());
        assertEquals(new Window(1, T0.plus(MINUTE).plus(MINUTE)), instanceB.hit("k", MINUTE));
    }

    @Test
    void keysAreNotStoredInClear() {
        instanceA.hit("login-per-account|login:ann@example.com", MINUTE);

        for (Document counter : database.getCollection("rate_limit_counters").find()) {
            assertFalse(counter.toJson().contains("ann@example.com"), counter.toJson());
        }
    }

    @Test
    void concurrentHitsFromManyInstancesAreAllCounted() throws Exception {
        int threads = 8;
        int hitsEach = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RateCountersMongoAdapter instance = new RateCountersMongoAdapter(database, new FakeBlindIndex(), clock);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < hitsEach; i++) {
                        instance.hit("busy", MINUTE);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * hitsEach, instanceA.current("busy").orElseThrow().count());
    }
}

package io.playerbase.adapters.mongo.lease;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import com.mongodb.MongoCommandException;

/**
 * Leases in MongoDB, so background work runs on one instance at a time however many serve the
 * database. A lease is one document of {@code leases}: {@code _id} the job, {@code owner} the
 * instance, {@code expires_at}. Taking it is one conditional upsert: it matches when the lease is this
 * instance's or has expired, and when another live instance holds it the upsert hits the {@code _id}
 * and fails, so exactly one instance wins.
 *
 * <p>A periodic job keeps its lease for {@code hold} after each run (at least its own interval): the
 * holder runs every period and renews it, the others skip; when the holder dies its lease expires and
 * the next instance to try takes over. While a run lasts, the lease is extended every third of
 * {@code playerbase.leases.ttl}, so a long pass (re-encryption) is not taken over while alive.
 */
@Singleton
public final class Leases {

    static final String COLLECTION = "leases";
    /** The MDC key that names the job of every line logged while it runs under its lease. */
    public static final String JOB = "job";
    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final MongoCollection<Document> leases;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private final boolean enabled;

    /**
     * @param enabled {@code false} in the jar's commands ({@code create-admin}, {@code status}, …): a
     *                short-lived command process never takes a lease, which would hold the job back on
     *                the serving instances until it expired
     */
    Leases(MongoDatabase database, @Value("${playerbase.leases.ttl:30s}") Duration ttl,
           @Value("${playerbase.instance-id:}") String instanceId, @Nullable Clock clock,
           @Value("${playerbase.leases.enabled:true}") boolean enabled) {
        this.enabled = enabled;
        this.leases = database.getCollection(COLLECTION);
        this.ttl = ttl;
        this.owner = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** {@code host/pid/random}: unique per process, readable in the {@code leases} collection. */
    private static String defaultInstanceId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String owner() {
        return owner;
    }

    /**
     * Runs {@code task} if this instance holds, or can take, the lease {@code name}; keeps the lease for
     * {@code hold} afterwards.
     *
     * @return whether the task ran here
     */
    public boolean runIfHeld(String name, Duration hold, Runnable task) {
        if (!enabled || !tryTake(name, ttl.compareTo(hold) > 0 ? ttl : hold)) {
            return false;
        }
        // Stopped by a latch, not an interrupt: an interrupt in the middle of a driver call closes its connection.
        CountDownLatch done = new CountDownLatch(1);
        Thread.ofVirtual().name("lease-" + name).start(() -> renewWhileRunning(name, done));
        // Every line the job logs names it (MDC "job"), as a request's lines carry its request_id.
        String outer = MDC.get(JOB);
        MDC.put(JOB, name);
        // At DEBUG, each run's start and end: how an operator (or a test) sees where and when a job ran.
        LOG.debug("Lease {} held by {}: run started", name, owner);
        try {
            task.run();
        } finally {
            done.countDown();
            extend(name, hold);
            LOG.debug("Lease {} held by {}: run finished", name, owner);
            if (outer == null) {
                MDC.remove(JOB);
            } else {
                MDC.put(JOB, outer);
            }
        }
        return true;
    }

    /** Takes the lease for {@code duration} when it is free, expired or already this instance's. */
    boolean tryTake(String name, Duration duration) {
        Instant now = clock.instant();
        Bson takeable = Filters.and(Filters.eq("_id", name),
                Filters.or(Filters.eq("owner", owner), Filters.lt("expires_at", Date.from(now))));
        try {
            Document before = leases.findOneAndUpdate(takeable, Updates.combine(
                            Updates.set("owner", owner), Updates.set("expires_at", Date.from(now.plus(duration))),
                            Updates.set("renewed_at", Date.from(now))),
                    new FindOneAndUpdateOptions().upsert(true));
            if (before != null && !owner.equals(before.get("owner"))) {
                LOG.info("Took over lease {} from {} (expired {})", name, before.get("owner"), before.get("expires_at"));
            }
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        } catch (MongoCommandException e) {
            // findAndModify reports the duplicate key of an upsert as a command error (11000).
            if (e.getErrorCode() == 11000) {
                return false;
            }
            throw e;
        }
    }

    private void renewWhileRunning(String name, CountDownLatch done) {
        Duration every = ttl.dividedBy(3);
        try {
            while (!done.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!extend(name, ttl)) {
                    LOG.warn("Lease {} was lost while its task runs (database slow or clock skew)", name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean extend(String name, Duration duration) {
        Instant now = clock.instant();
        try {
            return leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)),
                    Updates.combine(Updates.set("expires_at", Date.from(now.plus(duration))),
                            Updates.set("renewed_at", Date.from(now)))).getMatchedCount() == 1;
        } catch (RuntimeException e) {
            LOG.warn("Lease {} not extended: {}", name, e.getMessage());
            return false;
        }
    }
}

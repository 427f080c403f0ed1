package io.playerbase.adapters.mongo.connection;

import com.mongodb.MongoSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Waits at start until MongoDB answers a ping, retrying with exponential backoff, so that the
 * service survives starting a little before its database (compose, Kubernetes) and fails with one
 * clear message when the database stays away.
 */
final class StartupPing {

    private static final Logger LOG = LoggerFactory.getLogger(StartupPing.class);

    /** Pauses between attempts; a seam for tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    StartupPing(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("playerbase.mongo.startup.max-attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code ping} until it succeeds or the attempts are used up.
     *
     * @param target where the ping goes, without credentials (it appears in log lines and errors)
     * @throws IllegalStateException after the last failed attempt, or at once when the credentials are rejected
     */
    void await(Runnable ping, String target) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                ping.run();
                if (attempt > 1) {
                    LOG.info("MongoDB reachable ({}) after {} attempts", target, attempt);
                }
                return;
            } catch (MongoSecurityException e) {
                // Wrong credentials do not fix themselves; waiting would only delay the error.
                throw new IllegalStateException("MongoDB (" + target + ") rejected the credentials: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                last = e;
                if (attempt == maxAttempts) {
                    break;
                }
                Duration delay = backoff(attempt);
                LOG.warn("MongoDB not reachable ({}), attempt {}/{}: {}; retrying in {} ms",
                        target, attempt, maxAttempts, e.getMessage(), delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for MongoDB (" + target + ")", interrupted);
                }
            }
        }
        throw new IllegalStateException("MongoDB (" + target + ") is not reachable after " + maxAttempts
                + " attempts: " + last.getMessage(), last);
    }

    /** The pause after failed attempt {@code attempt} (1-based): initial, doubled each time, capped. */
    Duration backoff(int attempt) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}

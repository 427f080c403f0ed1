package io.playerbase.adapters.mongo.support;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.playerbase.domain.shared.Unavailable;

import java.util.function.Supplier;

/** Turns "the database cannot be reached" into the domain's {@link Unavailable} (503), nothing else. */
public final class MongoErrors {

    /** Labels the server and the driver put on errors that a retry after a pause can overcome. */
    private static final String RETRYABLE_WRITE = "RetryableWriteError";
    private static final String TRANSIENT = "TransientTransactionError";

    private MongoErrors() {
    }

    public static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            Unavailable unavailable = unavailable(e);
            if (unavailable != null) {
                throw unavailable;
            }
            throw e;
        }
    }

    public static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    /**
     * The {@link Unavailable} a driver exception stands for (looked for along the cause chain, since
     * Micronaut Data and Mongock wrap it), or {@code null} when it is something else (a bug, a
     * duplicate key…). Unavailable: no server selected in time, a socket that failed or timed out, a
     * pool cleared after such a failure, a primary that stepped down or is recovering, an
     * operation over its time limit, credentials refused, anything labelled retryable.
     */
    public static Unavailable unavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof Unavailable already) {
                return already;
            }
            if (cause instanceof MongoException mongo && isUnavailable(mongo)) {
                return new Unavailable("database-unavailable", "The database cannot be reached; retry later", mongo);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static boolean isUnavailable(MongoException e) {
        return e instanceof MongoTimeoutException
                || e instanceof MongoSocketException
                || e instanceof MongoConnectionPoolClearedException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoExecutionTimeoutException
                || e instanceof MongoSecurityException
                || e.hasErrorLabel(RETRYABLE_WRITE)
                || e.hasErrorLabel(TRANSIENT);
    }
}

package io.playerbase.adapters.mongo.support;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.playerbase.domain.shared.Unavailable;

import java.util.Set;
import java.util.function.Supplier;

/** Turns "the database cannot be reached" into the domain's {@link Unavailable} (503), nothing else. */
public final class MongoErrors {

    /** Labels the server and the driver put on errors that a retry after a pause can overcome. */
    private static final String RETRYABLE_WRITE = "RetryableWriteError";
    private static final String TRANSIENT = "TransientTransactionError";
    /**
     * Server error codes that mean "this server cannot serve you now", as the retryable-reads and
     * retryable-writes specifications list them (the driver turns only some of them into
     * {@link MongoNotPrimaryException} or {@link MongoNodeIsRecoveringException}): HostUnreachable 6,
     * HostNotFound 7, MaxTimeMSExpired 50, WriteConcernFailed 64 (a majority did not confirm in time),
     * NetworkTimeout 89, ShutdownInProgress 91, ReadConcernMajorityNotAvailableYet 134,
     * PrimarySteppedDown 189, ExceededTimeLimit 262, SocketException 9001, NotWritablePrimary 10107,
     * InterruptedAtShutdown 11600, InterruptedDueToReplStateChange 11602, NotPrimaryNoSecondaryOk 13435,
     * NotPrimaryOrSecondary 13436.
     */
    static final Set<Integer> UNAVAILABLE_CODES = Set.of(6, 7, 50, 64, 89, 91, 134, 189, 262, 9001, 10107, 11600, 11602,
            13435, 13436);

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
     * pool cleared after such a failure, a server removed from the topology, a primary that stepped
     * down or is recovering or shutting down, an operation over its time limit, a write concern not
     * satisfied in time, credentials refused, anything labelled retryable.
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
                || e instanceof MongoServerUnavailableException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoExecutionTimeoutException
                || e instanceof MongoSecurityException
                || e.hasErrorLabel(RETRYABLE_WRITE)
                || e.hasErrorLabel(TRANSIENT)
                || e instanceof MongoServerException && UNAVAILABLE_CODES.contains(e.getCode())
                || e instanceof MongoWriteConcernException concern && UNAVAILABLE_CODES.contains(concern.getWriteConcernError().getCode())
                || e instanceof MongoBulkWriteException bulk && bulk.getWriteConcernError() != null
                        && UNAVAILABLE_CODES.contains(bulk.getWriteConcernError().getCode());
    }
}

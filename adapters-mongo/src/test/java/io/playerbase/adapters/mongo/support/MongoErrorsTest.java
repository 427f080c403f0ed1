package io.playerbase.adapters.mongo.support;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketClosedException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoSocketWriteException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import io.playerbase.domain.shared.Unavailable;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 12: every driver exception that means "the database cannot serve you now" becomes
 * {@link Unavailable} (503 {@code database-unavailable} with {@code Retry-After}), wherever it sits in
 * the cause chain; everything else (a duplicate key, a bad command, an interrupt) stays what it is.
 */
class MongoErrorsTest {

    private static final ServerAddress SERVER = new ServerAddress("db.example", 27017);

    private static BsonDocument reply(int code, String name) {
        return new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("codeName", new BsonString(name)).append("errmsg", new BsonString(name));
    }

    private static MongoException labelled(String label) {
        MongoException e = new MongoException("write failed");
        e.addLabel(label);
        return e;
    }

    private static Map<String, RuntimeException> unavailable() {
        Map<String, RuntimeException> cases = new LinkedHashMap<>();
        cases.put("no server selected in time", new MongoTimeoutException("Timed out after 2000 ms while waiting for a server"));
        cases.put("no connection from the pool in time", new MongoTimeoutException("Timed out while waiting for a connection"));
        cases.put("connection refused", new MongoSocketOpenException("Exception opening socket", SERVER, new IOException("refused")));
        cases.put("socket read failed", new MongoSocketReadException("Prematurely reached end of stream", SERVER));
        cases.put("socket read timed out", new MongoSocketReadTimeoutException("Timeout while receiving message", SERVER,
                new IOException("timeout")));
        cases.put("socket write failed", new MongoSocketWriteException("Exception sending message", SERVER, new IOException("reset")));
        cases.put("socket closed", new MongoSocketClosedException("Cannot read from a closed stream", SERVER));
        cases.put("pool cleared", new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), SERVER),
                new MongoSocketReadException("end of stream", SERVER)));
        cases.put("server removed from the topology", new MongoServerUnavailableException("The server at db.example:27017 is no longer available"));
        cases.put("not primary", new MongoNotPrimaryException(reply(10107, "NotWritablePrimary"), SERVER));
        cases.put("node is recovering", new MongoNodeIsRecoveringException(reply(11600, "InterruptedAtShutdown"), SERVER));
        cases.put("operation over its time limit", new MongoExecutionTimeoutException(50, "operation exceeded time limit"));
        cases.put("credentials refused", new MongoSecurityException(MongoCredential.createCredential("app", "admin",
                "x".toCharArray()), "Exception authenticating"));
        cases.put("labelled RetryableWriteError", labelled("RetryableWriteError"));
        cases.put("labelled TransientTransactionError", labelled("TransientTransactionError"));
        for (int code : MongoErrors.UNAVAILABLE_CODES) {
            cases.put("command error " + code, new MongoCommandException(reply(code, "Code" + code), SERVER));
        }
        cases.put("write concern not satisfied in time", new MongoWriteConcernException(
                new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument()), SERVER));
        cases.put("write concern error of a primary stepping down", new MongoWriteConcernException(
                new WriteConcernError(189, "PrimarySteppedDown", "stepped down", new BsonDocument()), SERVER));
        cases.put("bulk write with a write concern error", new MongoBulkWriteException(BulkWriteResult.unacknowledged(), List.of(),
                new WriteConcernError(91, "ShutdownInProgress", "shutting down", new BsonDocument()), SERVER));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyDriverErrorMeaningUnavailableIsUnavailable() {
        List<DynamicTest> tests = new ArrayList<>();
        unavailable().forEach((name, error) -> {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Unavailable unavailable = MongoErrors.unavailable(error);
                assertNotNull(unavailable, name);
                assertEquals("database-unavailable", unavailable.code());
                assertSame(error, unavailable.getCause(), "the driver's error stays the cause, for the log");
            }));
            tests.add(DynamicTest.dynamicTest(name + ", wrapped twice", () -> assertNotNull(MongoErrors.unavailable(
                    new IllegalStateException("repository failed", new RuntimeException("mongock", error))))));
            tests.add(DynamicTest.dynamicTest(name + ", thrown through call", () -> assertThrows(Unavailable.class,
                    () -> MongoErrors.call(() -> {
                        throw error;
                    }))));
        });
        return tests.stream();
    }

    @Test
    void otherErrorsStayWhatTheyAre() {
        List<RuntimeException> others = List.of(
                new MongoWriteException(new WriteError(11000, "E11000 duplicate key", new BsonDocument()), SERVER),
                new MongoCommandException(reply(11000, "DuplicateKey"), SERVER),
                new MongoCommandException(reply(2, "BadValue"), SERVER),
                new MongoCommandException(reply(121, "DocumentValidationFailure"), SERVER),
                new MongoBulkWriteException(BulkWriteResult.unacknowledged(), List.of(), null, SERVER),
                new MongoInterruptedException("interrupted", new InterruptedException()),
                new MongoClientException("state should be: open"),
                new IllegalStateException("a bug"));
        for (RuntimeException other : others) {
            assertNull(MongoErrors.unavailable(other), other.toString());
            assertSame(other, assertThrows(RuntimeException.class, () -> MongoErrors.call(() -> {
                throw other;
            })), "rethrown unchanged: " + other);
        }
    }
}

package io.playerbase.bootstrap.ops;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.playerbase.adapters.rest.error.Problem;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12: a driver exception that reaches the HTTP layer unwrapped (a path without
 * {@code MongoErrors}, Micronaut Data, Mongock) is still answered 503 {@code database-unavailable} with
 * {@code Retry-After} when it means "unavailable" (the stalled database's cleared pool answered 500
 * before), and 500 {@code internal-error} otherwise.
 */
class DatabaseErrorsTest {

    private static final ServerAddress SERVER = new ServerAddress("db.example", 27017);

    private static HttpResponse<?> answer(RuntimeException exception) {
        return DatabaseErrors.respond(HttpRequest.POST("/api/v1/auth/login", "{}"), exception);
    }

    private static void assertUnavailable(HttpResponse<?> response) {
        assertEquals(503, response.getStatus().getCode());
        assertEquals("5", response.getHeaders().get("Retry-After"));
        assertEquals("application/problem+json", response.getContentType().orElseThrow().toString());
        assertEquals("urn:playerbase:problem:database-unavailable", ((Problem) response.body()).type());
    }

    @Test
    void aClearedPoolIs503WithRetryAfter() {
        assertUnavailable(new MongoExceptionHandler().handle(HttpRequest.POST("/api/v1/auth/login", "{}"),
                new MongoConnectionPoolClearedException(new ServerId(new ClusterId(), SERVER),
                        new MongoSocketReadException("Prematurely reached end of stream", SERVER))));
    }

    @Test
    void aServerGoneFromTheTopologyIs503() {
        assertUnavailable(answer(new MongoServerUnavailableException("The server at db.example:27017 is no longer available")));
    }

    @Test
    void anUnavailableErrorWrappedByMicronautDataIs503() {
        assertUnavailable(new DataAccessExceptionHandler().handle(HttpRequest.GET("/api/v1/users/me"),
                new DataAccessException("find failed", new MongoSocketReadException("end of stream", SERVER))));
    }

    @Test
    void anythingElseIsAnInternalErrorThatSaysNothing() {
        HttpResponse<?> response = answer(new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(2)).append("errmsg", new BsonString("BadValue: secret detail")), SERVER));

        assertEquals(500, response.getStatus().getCode());
        Problem problem = (Problem) response.body();
        assertEquals("urn:playerbase:problem:internal-error", problem.type());
        assertEquals("An unexpected error occurred; it has been logged", problem.detail());
    }
}

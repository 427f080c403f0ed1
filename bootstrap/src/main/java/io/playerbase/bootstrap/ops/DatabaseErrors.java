package io.playerbase.bootstrap.ops;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.adapters.rest.error.ProblemResponses;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.domain.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The answer to a database exception that no adapter turned into {@link Unavailable} (Micronaut Data
 * repositories, Mongock, a path without {@code MongoErrors}): 503 {@code database-unavailable} with
 * {@code Retry-After} when it means "database unavailable", else the usual 500 that says nothing.
 */
final class DatabaseErrors {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrors.class);

    private DatabaseErrors() {
    }

    static HttpResponse<?> respond(HttpRequest<?> request, RuntimeException exception) {
        Unavailable unavailable = MongoErrors.unavailable(exception);
        if (unavailable != null) {
            LOG.warn("Request {} unavailable: {}", RequestIds.of(request), exception.toString());
            return ProblemResponses.of(request, unavailable);
        }
        LOG.error("Request {} failed", RequestIds.of(request), exception);
        return ProblemResponses.of(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "An unexpected error occurred; it has been logged", List.of());
    }
}

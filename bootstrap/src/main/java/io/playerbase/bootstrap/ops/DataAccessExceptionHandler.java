package io.playerbase.bootstrap.ops;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Micronaut Data wraps driver exceptions in its own: see {@link DatabaseErrors}. */
@Produces
@Singleton
final class DataAccessExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
        return DatabaseErrors.respond(request, exception);
    }
}

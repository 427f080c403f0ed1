package io.playerbase.bootstrap.ops;

import com.mongodb.MongoException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A driver exception that reached the HTTP layer: see {@link DatabaseErrors}. */
@Produces
@Singleton
final class MongoExceptionHandler implements ExceptionHandler<MongoException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, MongoException exception) {
        return DatabaseErrors.respond(request, exception);
    }
}

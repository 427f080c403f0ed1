package io.playerbase.adapters.rest.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RateLimited;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.StoredDataUnreadable;
import io.playerbase.domain.shared.Unavailable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/** Maps the domain's error family to HTTP statuses: the only such mapping in the code base. */
@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainExceptionHandler.class);
    private static final Set<String> RETRYABLE_CONFLICTS = Set.of("wallet-busy", "idempotency-key-in-use");

    static HttpStatus statusOf(DomainException exception) {
        return switch (exception) {
            case NotFound ignored -> HttpStatus.NOT_FOUND;
            case Conflict ignored -> HttpStatus.CONFLICT;
            case RuleViolation ignored -> HttpStatus.UNPROCESSABLE_ENTITY;
            case InvalidValue ignored -> HttpStatus.BAD_REQUEST;
            case AuthenticationFailed ignored -> HttpStatus.UNAUTHORIZED;
            case Unavailable ignored -> HttpStatus.SERVICE_UNAVAILABLE;
            case RateLimited ignored -> HttpStatus.TOO_MANY_REQUESTS;
            case StoredDataUnreadable ignored -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
        if (exception instanceof Unavailable) {
            LOG.warn("Request {} unavailable: {}", RequestIds.of(request), exception.getMessage());
        }
        if (exception instanceof StoredDataUnreadable unreadable) {
            LOG.error("Request {} needs the unreadable stored field {}", RequestIds.of(request), unreadable.field());
        }
        return ProblemResponses.of(request, exception);
    }

    /** Problems a client should simply retry after a short pause: they get a {@code Retry-After}. */
    static String retryAfter(DomainException exception) {
        return switch (exception) {
            case Unavailable ignored -> "5";
            case RateLimited limited -> String.valueOf(Math.max(1, limited.retryAfter().toSeconds()));
            case Conflict conflict when RETRYABLE_CONFLICTS.contains(conflict.code()) -> "1";
            default -> null;
        };
    }
}

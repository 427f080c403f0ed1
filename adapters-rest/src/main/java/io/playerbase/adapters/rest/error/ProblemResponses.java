package io.playerbase.adapters.rest.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.DomainException;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The one place that turns an error into an {@code application/problem+json} response. */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    static final String TYPE_PREFIX = "urn:playerbase:problem:";
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private ProblemResponses() {
    }

    /** A Java name (a parameter, a property, a path variable) as the API and its problems spell it: {@code userId} is {@code user_id}. */
    public static String fieldName(String javaName) {
        return CAMEL_HUMP.matcher(javaName).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, HttpStatus status, String code,
                                                   String detail, List<Problem.FieldProblem> errors) {
        Problem problem = new Problem(TYPE_PREFIX + code, status.getReason(), status.getCode(), detail,
                request == null ? null : request.getPath(), errors, request == null ? null : RequestIds.of(request));
        return HttpResponse.<Problem>status(status).contentType(PROBLEM_JSON).body(problem);
    }

    /**
     * The problem response of a domain error, with the status {@link DomainExceptionHandler} assigns
     * and its headers. Public so that stored responses (idempotency) are exactly what the handler sends.
     */
    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, DomainException exception) {
        MutableHttpResponse<Problem> response = of(request, DomainExceptionHandler.statusOf(exception), exception.code(),
                exception.getMessage(), exception.fieldErrors().stream()
                        .map(error -> new Problem.FieldProblem(error.field(), error.message())).toList());
        String retryAfter = DomainExceptionHandler.retryAfter(exception);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        if (exception instanceof AuthenticationFailed) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}

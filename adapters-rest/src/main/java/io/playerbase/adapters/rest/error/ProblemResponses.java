package io.playerbase.adapters.rest.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import io.playerbase.adapters.rest.support.RequestIds;

import java.util.List;

/** The one place that turns an error into an {@code application/problem+json} response. */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    static final String TYPE_PREFIX = "urn:playerbase:problem:";

    private ProblemResponses() {
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, HttpStatus status, String code,
                                                   String detail, List<Problem.FieldProblem> errors) {
        Problem problem = new Problem(TYPE_PREFIX + code, status.getReason(), status.getCode(), detail,
                request == null ? null : request.getPath(), errors, request == null ? null : RequestIds.of(request));
        return HttpResponse.<Problem>status(status).contentType(PROBLEM_JSON).body(problem);
    }
}

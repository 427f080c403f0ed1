package io.playerbase.adapters.rest.error;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.playerbase.adapters.rest.support.RequestIds;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders every error the framework produces itself (malformed JSON, unknown or missing fields,
 * validation, unknown routes, wrong methods, oversized bodies, 401/403 from security, unexpected
 * exceptions) as problem+json. Details are rewritten so no class names or stack traces leak.
 */
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context,
                                                        @NonNull MutableHttpResponse<?> baseResponse) {
        HttpStatus status = baseResponse.getStatus();
        List<Problem.FieldProblem> errors = new ArrayList<>();
        for (Error error : context.getErrors()) {
            Optional<String> path = error.getPath();
            path.ifPresent(field -> errors.add(new Problem.FieldProblem(fieldName(field), error.getMessage())));
        }
        String detail = detail(status, context, errors);
        if (status.getCode() >= 500) {
            LOG.error("Request {} failed", RequestIds.of(context.getRequest()), context.getRootCause().orElse(null));
        }
        MutableHttpResponse<Problem> response = ProblemResponses.of(context.getRequest(), status, code(status), detail, errors);
        baseResponse.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response;
    }

    private static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "malformed-request";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case REQUEST_ENTITY_TOO_LARGE -> "payload-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case TOO_MANY_REQUESTS -> "too-many-requests";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> status.getCode() >= 500 ? "internal-error" : "http-" + status.getCode();
        };
    }

    private static String detail(HttpStatus status, ErrorContext context, List<Problem.FieldProblem> errors) {
        return switch (status) {
            case BAD_REQUEST -> errors.isEmpty() ? badRequestDetail(context) : "Some fields are invalid";
            case UNAUTHORIZED -> "A valid bearer token is required";
            case FORBIDDEN -> "You may not do this";
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is too large";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            default -> status.getCode() >= 500 ? "An unexpected error occurred; it has been logged" : status.getReason();
        };
    }

    /**
     * The framework's own messages name Java types; keep only what tells the client what to fix:
     * an unknown property's name, or that the body is not valid JSON.
     */
    private static String badRequestDetail(ErrorContext context) {
        for (Error error : context.getErrors()) {
            String message = error.getMessage();
            if (message == null) {
                continue;
            }
            int unknown = message.indexOf("Unknown property [");
            if (unknown >= 0) {
                int end = message.indexOf(']', unknown);
                return "Unknown field '" + message.substring(unknown + 18, end) + "'";
            }
            if (message.contains("Required argument") || message.contains("not specified")) {
                return "A required value is missing";
            }
        }
        return "The request body is not valid JSON of the expected shape";
    }

    /** Validation paths look like {@code register.request.email}; clients know the last segment. */
    private static String fieldName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}

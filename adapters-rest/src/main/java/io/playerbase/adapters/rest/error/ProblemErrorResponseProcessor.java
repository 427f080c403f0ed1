package io.playerbase.adapters.rest.error;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.playerbase.adapters.rest.support.RequestIds;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders every error the framework produces itself (malformed JSON, unknown or missing fields,
 * validation, unknown routes, wrong methods, oversized bodies, 401/403 from security, unexpected
 * exceptions) as problem+json. Details are rewritten so no class names or stack traces leak.
 */
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    private static final String UNKNOWN_PROPERTY = "Unknown property [";

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context,
                                                        @NonNull MutableHttpResponse<?> baseResponse) {
        HttpStatus status = baseResponse.getStatus();
        List<Problem.FieldProblem> errors = status == HttpStatus.BAD_REQUEST ? fieldProblems(context) : List.of();
        String detail = detail(status, errors);
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

    /** Bean-validation violations, and an unknown property named by the JSON binder, as field problems. */
    private static List<Problem.FieldProblem> fieldProblems(ErrorContext context) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        if (context.getRootCause().orElse(null) instanceof ConstraintViolationException violations) {
            for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
                String field = null;
                for (Path.Node node : violation.getPropertyPath()) {
                    field = node.getName();
                }
                errors.add(new Problem.FieldProblem(snakeCase(field), violation.getMessage()));
            }
            errors.sort(Comparator.comparing(Problem.FieldProblem::field));
            return errors;
        }
        for (Error error : context.getErrors()) {
            String unknown = unknownProperty(error.getMessage());
            if (unknown != null) {
                errors.add(new Problem.FieldProblem(unknown, "is not a known field"));
            }
        }
        return errors;
    }

    private static String unknownProperty(String message) {
        if (message == null) {
            return null;
        }
        int start = message.indexOf(UNKNOWN_PROPERTY);
        int end = start < 0 ? -1 : message.indexOf(']', start);
        return end < 0 ? null : message.substring(start + UNKNOWN_PROPERTY.length(), end);
    }

    static String snakeCase(String name) {
        return name == null ? "body" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
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

    private static String detail(HttpStatus status, List<Problem.FieldProblem> errors) {
        return switch (status) {
            // The framework's own messages name Java types: the client gets only what tells it what to fix.
            case BAD_REQUEST -> errors.isEmpty() ? "The request body is not valid JSON of the expected shape"
                    : errors.size() == 1 && "is not a known field".equals(errors.get(0).message())
                    ? "Unknown field '" + errors.get(0).field() + "'" : "Some fields are invalid";
            case UNAUTHORIZED -> "Valid credentials are required: a bearer token, or an API key for services";
            case FORBIDDEN -> "You may not do this";
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is too large";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            default -> status.getCode() >= 500 ? "An unexpected error occurred; it has been logged" : status.getReason();
        };
    }
}
